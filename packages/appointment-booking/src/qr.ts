/**
 * QR code as SVG path data. The matrix comes from `uqr` (loaded with `import()` only on the
 * confirmation step, so the booking steps never pay for it); we build the drawing ourselves with
 * Lit's `svg` templates instead of inserting uqr's SVG string with innerHTML: the path data is a
 * plain attribute value, so nothing the server sent can become markup.
 */

/** One `M x y h1 v1 h-1 z` square per dark module, merged into runs along each row. */
export function qrPath(matrix: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  matrix.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h-${x - start}z`);
    }
  });
  return parts.join('');
}

export interface QrMatrix {
  size: number;
  data: boolean[][];
}

/** Encodes `text` with uqr (medium error correction survives a creased printout). */
export async function encodeQr(text: string): Promise<QrMatrix> {
  const { encode } = await import('uqr');
  const result = encode(text, { ecc: 'M', border: 2 });
  return { size: result.size, data: result.data };
}
