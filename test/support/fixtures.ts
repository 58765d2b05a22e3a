/** Tiny real files for evidence, scans and seal images: what uploads are tested with. */

/** A valid 1×1 PNG. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a8d6b1c50000000049454e44ae426082',
  'hex',
);

/** A minimal PDF, enough for type sniffing and download checks. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
