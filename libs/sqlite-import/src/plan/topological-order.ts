/** Result of ordering tables by their foreign keys. */
export interface TableOrder {
  /** Every table once; parents before children, except inside a cycle. */
  order: string[];
  /** Groups of two or more tables that reference each other (strongly connected components). */
  cycles: string[][];
  /** Tables with a foreign key to themselves. */
  selfReferencing: string[];
}

/**
 * Orders `tables` so that each comes after the tables it references (`edges`: [child, parent]).
 * Tables in a cycle are kept together, in name order; ties are broken by name, so the order is
 * the same on every run. Edges to tables not in `tables` are ignored.
 */
export function topologicalOrder(tables: string[], edges: [string, string][]): TableOrder {
  const names = [...new Set(tables)].sort();
  const known = new Set(names);
  const parents = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  const selfReferencing = new Set<string>();
  for (const [child, parent] of edges) {
    if (!known.has(child) || !known.has(parent)) continue;
    if (child === parent) selfReferencing.add(child);
    else parents.get(child)!.add(parent);
  }

  // Tarjan's strongly connected components (iteration order fixed by the sorted names).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of [...parents.get(v)!].sort()) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const members: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.set(w, components.length);
        members.push(w);
      } while (w !== v);
      components.push(members.sort());
    }
  };
  for (const n of names) if (!index.has(n)) visit(n);

  // Kahn's algorithm on the components; the ready component with the smallest first name goes first.
  const deps = components.map(() => new Set<number>());
  const dependents = components.map(() => new Set<number>());
  for (const [child, ps] of parents) {
    for (const p of ps) {
      const c = component.get(child)!;
      const q = component.get(p)!;
      if (c !== q) {
        deps[c].add(q);
        dependents[q].add(c);
      }
    }
  }
  const remaining = deps.map((d) => d.size);
  const ready = components.map((_, i) => i).filter((i) => remaining[i] === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => (components[a][0] < components[b][0] ? -1 : 1));
    const next = ready.shift()!;
    order.push(...components[next]);
    for (const d of dependents[next]) {
      remaining[d] -= 1;
      if (remaining[d] === 0) ready.push(d);
    }
  }
  return {
    order,
    cycles: components.filter((c) => c.length > 1),
    selfReferencing: names.filter((n) => selfReferencing.has(n)),
  };
}
