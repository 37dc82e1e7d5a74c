/**
 * Colours that follow the VS Code theme. VS Code sets `vscode-light`, `vscode-dark` or
 * `vscode-high-contrast(-light)` on <body> and exposes the theme as `--vscode-*` variables;
 * canvas drawing cannot use CSS variables, so they are read here.
 */

export interface ChartTheme {
  foreground: string;
  grid: string;
  threshold: string;
  firing: string;
  series: readonly string[];
  lineWidth: number;
}

// Two palettes of distinguishable hues: brighter on dark backgrounds, deeper on light ones.
const darkPalette = ['#5aa9f5', '#f2a33a', '#58c46b', '#e5646c', '#b48cf2', '#4fc7c2', '#e08fd0', '#c9b458', '#8fa6bf', '#f07f4f'];
const lightPalette = ['#1f6fbf', '#c26a00', '#2e8540', '#c4313b', '#7a4fc2', '#0f8a84', '#b0479a', '#8a7a12', '#51657a', '#c24d1a'];

export function currentTheme(): ChartTheme {
  const style = getComputedStyle(document.body);
  const variable = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const classes = document.body.classList;
  const highContrast = classes.contains('vscode-high-contrast') || classes.contains('vscode-high-contrast-light');
  const light = classes.contains('vscode-light') || classes.contains('vscode-high-contrast-light');
  const foreground = variable('--vscode-editor-foreground', light ? '#333333' : '#cccccc');
  return {
    foreground,
    grid: highContrast ? foreground : variable('--vscode-editorWidget-border', light ? '#d8d8d8' : '#3c3c3c'),
    threshold: variable('--vscode-charts-red', light ? '#c4313b' : '#f14c4c'),
    firing: light ? 'rgba(196, 49, 59, 0.12)' : 'rgba(241, 76, 76, 0.16)',
    series: light ? lightPalette : darkPalette,
    lineWidth: highContrast ? 2 : 1.25,
  };
}

/** `#rrggbb` -> `rgba(r, g, b, alpha)`, for stacked fills. */
export function withAlpha(hex: string, alpha: number): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return hex;
  const [r, g, b] = match.slice(1).map((part) => parseInt(part, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
