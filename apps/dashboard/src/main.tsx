import { render } from 'preact';
import { App } from './app';
import { applyTheme, initialTheme } from './lib/theme';
import './styles.css';

applyTheme(initialTheme());
const root = document.getElementById('app');
if (root !== null) render(<App />, root);
