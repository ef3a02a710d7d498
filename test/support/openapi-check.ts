import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/** What `check` answers: whether `body` matches the schema of (path, method, status). */
export interface SchemaCheck {
  path: string;
  method: string;
  status: number;
  valid: boolean;
  errors: unknown;
}

/**
 * Checks real answers against the response schemas of an OpenAPI document (`/docs-json`) with
 * ajv: `check('/api/batches/{id}', 'get', 200, body)`.
 */
export function responseChecker(
  doc: unknown,
): (path: string, method: string, status: number, body: unknown) => SchemaCheck {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc as object, 'openapi.json');
  const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  return (path, method, status, body) => {
    const ref = `openapi.json#/paths/${pointer(path)}/${method}/responses/${status}/content/application~1json/schema`;
    const validate = ajv.compile({ $ref: ref });
    const valid = validate(body);
    return { path, method, status, valid, errors: valid ? null : validate.errors };
  };
}
