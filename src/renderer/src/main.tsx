/** Renderer entry: mounts the app and turns stray promise rejections into toasts instead of silent failures. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { prefetchFirstPage } from './stores/library-store';
import { notifyError } from './stores/notify-store';
import { startTheme } from './stores/theme-store';
import './styles.css';
import './features/analysis/analysis.css';
import './features/radio/radio.css';

window.addEventListener('unhandledrejection', (e) => {
  notifyError(e.reason);
});

// Before the first render, so a light window never flashes dark.
startTheme();
// The library's first screen is on its way while React renders the empty window.
prefetchFirstPage();

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
