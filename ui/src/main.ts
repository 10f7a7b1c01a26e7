// Entry point: fonts and styles, then the app frame.
import '@fontsource-variable/fraunces';
import '@fontsource-variable/nunito';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/pages.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { followSystemTheme } from './lib/display.svelte';

// The system's light or dark before the first paint; Hearth's own choice follows once loaded.
followSystemTheme();

const target = document.getElementById('app');
if (target) {
  mount(App, { target });
}
