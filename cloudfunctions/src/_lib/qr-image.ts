/**
 * QR images of rotating codes (the member card, an activity's check-in code), as PNG data URLs so
 * that the mini program and the H5 build show them as a plain image.
 *
 * `qrcode` (60 KB with its PNG encoder) is not bundled: scripts/build-functions.ts leaves it
 * external and pins it in the package.json of each function that imports it, so the cloud installs
 * it beside wx-server-sdk. It is loaded on the first code drawn, not at a cold start, because most
 * calls to these functions never draw one.
 */
export async function qrDataUrl(text: string, width: number): Promise<string> {
  const { toDataURL } = await import('qrcode')
  return toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width })
}
