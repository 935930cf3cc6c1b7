import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The page background of each theme (renderer/src/styles/tokens.css `--bg`), painted before the page loads
 * so a start or reload never flashes white.
 */
export const WINDOW_BACKGROUND = { light: '#f5f6f8', dark: '#0e1115' } as const;

export interface WindowOptionsInput {
  /** The built sandboxed preload (out/preload/index.cjs). */
  preloadPath: string;
  /** Off in a packaged app. */
  devTools: boolean;
  /** The system theme (nativeTheme.shouldUseDarkColors): the page follows it unless a choice was saved. */
  dark: boolean;
}

/**
 * The one window's options. Every web preference that matters for security is written out, defaults included,
 * so a test (and electronegativity) can read them here instead of trusting Electron's defaults of the day.
 */
export function windowOptions({ preloadPath, devTools, dark }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Ops Control Room',
    width: 1280,
    height: 800,
    // The sidebar and two board columns still fit.
    minWidth: 800,
    minHeight: 500,
    // Shown on ready-to-show, once the first paint is there.
    show: false,
    backgroundColor: dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A file dropped on the window must not replace the app with it.
      navigateOnDragDrop: false,
      spellcheck: false,
      // A page looping on alert() gets a "stop these dialogs" checkbox.
      safeDialogs: true,
      devTools,
    },
  };
}
