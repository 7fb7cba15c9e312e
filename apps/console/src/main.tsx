import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { setUpI18n } from './i18n/i18n';
import './styles/base.css';

setUpI18n();

const container = document.getElementById('root');
if (!container) {
  throw new Error('index.html must contain <div id="root">');
}
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
