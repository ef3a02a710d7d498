import { webhookHostAllowed } from './webhook-host';

describe('webhookHostAllowed', () => {
  it('allows every host when the list is empty', () => {
    expect(webhookHostAllowed('http://10.0.0.5:8080/x', [])).toBe(true);
  });

  it('matches exact hosts and *. subdomains, case-insensitively, ignoring port and path', () => {
    const allowed = ['hooks.example.com', '*.corp.example', '127.0.0.1'];
    expect(webhookHostAllowed('https://HOOKS.example.com:8443/a?b=c', allowed)).toBe(true);
    expect(webhookHostAllowed('https://ci.corp.example/hook', allowed)).toBe(true);
    expect(webhookHostAllowed('http://127.0.0.1:9999/hook', allowed)).toBe(true);
    expect(webhookHostAllowed('https://corp.example/hook', allowed)).toBe(false);
    expect(webhookHostAllowed('https://evilcorp.example/hook', allowed)).toBe(false);
    expect(webhookHostAllowed('https://hooks.example.com.evil.io/', allowed)).toBe(false);
    expect(webhookHostAllowed('http://169.254.169.254/latest/meta-data', allowed)).toBe(false);
    expect(webhookHostAllowed('not a url', allowed)).toBe(false);
  });
});
