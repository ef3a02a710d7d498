// The dashboard's e2e tests launch Chromium the way the `ui` bench does.
export { CHROMIUM, CHROMIUM_ARGS, launchChromium } from '../../apps/cli/src/processes/chromium';
