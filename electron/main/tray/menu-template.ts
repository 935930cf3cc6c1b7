import type { TrayAction, TrayMenuItem } from './tray-menu.ts';

/** The part of Electron's MenuItemConstructorOptions the tray uses, declared here so this runs under Node. */
export interface MenuTemplateItem {
  type: 'normal' | 'separator' | 'submenu';
  label?: string;
  enabled?: boolean;
  toolTip?: string;
  submenu?: MenuTemplateItem[];
  click?: () => void;
}

/**
 * The menu as Menu.buildFromTemplate takes it. Electron reads a single '&' in a label as a mnemonic (Windows,
 * Linux) and drops it, so `make && make install` would lose its ampersands: they are doubled here.
 */
export function menuTemplate(items: readonly TrayMenuItem[], onAction: (action: TrayAction) => void): MenuTemplateItem[] {
  return items.map((entry): MenuTemplateItem => {
    if (entry.type === 'separator') return { type: 'separator' };
    const { action } = entry;
    return {
      type: entry.type,
      label: entry.label.replaceAll('&', '&&'),
      enabled: entry.enabled,
      ...(entry.toolTip ? { toolTip: entry.toolTip } : {}),
      ...(entry.submenu ? { submenu: menuTemplate(entry.submenu, onAction) } : {}),
      ...(action ? { click: () => onAction(action) } : {}),
    };
  });
}
