/**
 * `true` in source and in development builds. The production rollup build replaces the line
 * below with `export const DEV_MODE = false;`, so every `if (DEV_MODE)` block (warnings, extra
 * checks) is removed by the minifier and costs nothing in production.
 */
export const DEV_MODE = true;
