/** The panel's HTML: one nonce'd script, styles from the extension, a CSP that allows nothing else. */

export interface WebviewLike {
  cspSource: string;
}

/**
 * `default-src 'none'`; scripts only with this page's nonce; styles and images from the extension;
 * images and audio of a response from blob: URLs the script makes (never from the network).
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource} blob:`,
    'media-src blob:',
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function panelHtml(webview: WebviewLike, scriptUri: string, styleUri: string, nonce: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri}">
<title>API Doctor</title>
</head>
<body>
<main id="root"></main>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}
