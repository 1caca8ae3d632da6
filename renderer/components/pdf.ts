/**
 * A plain PDF of one table (a call sheet, a report), made in the renderer with
 * jsPDF, which is loaded only when a PDF is made (its own chunk). The bytes
 * stay in memory until the organizer saves them (renderer/views/import/files.ts).
 *
 * The PDF uses the standard Helvetica font, which every reader has and which
 * needs nothing embedded; it covers Latin-1 (Spanish and most Western names).
 * A letter outside it is printed without its accent where it has one (ễ → e)
 * and as "?" where it has none; `altered` counts the cells this changed, so
 * the screen can say so.
 */

export interface PdfTable {
  readonly title: string;
  /** Lines under the title. */
  readonly lines?: readonly string[];
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Relative column widths. */
  readonly widths: readonly number[];
  /** Lines after the table. */
  readonly footer?: readonly string[];
  readonly landscape?: boolean;
  /** Taller rows leave room to write by hand (a call sheet). */
  readonly rowHeight?: number;
  /** "Page 1 of 3", in the organizer's language. */
  readonly pageLabel: (page: number, pages: number) => string;
}

export interface MadePdf {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly altered: number;
}

const MARGIN = 40;
const FONT_SIZE = 10;

export async function tablePdf(table: PdfTable): Promise<MadePdf> {
  const { jsPDF } = await import('jspdf');
  const doc = new jsPDF({ orientation: table.landscape ? 'landscape' : 'portrait', unit: 'pt', format: 'letter' });
  let altered = 0;
  const safe = (text: string) => {
    const s = latin1(text);
    if (s.lossy) altered++;
    return s.text;
  };
  const pageWidth = doc.internal.pageSize.getWidth();
  const pageHeight = doc.internal.pageSize.getHeight();
  const usable = pageWidth - 2 * MARGIN;
  const sum = table.widths.reduce((a, b) => a + b, 0);
  const widths = table.widths.map((w) => (w / sum) * usable);
  const rowHeight = table.rowHeight ?? 18;
  const fit = (text: string, width: number) => {
    const lines = doc.splitTextToSize(text, width - 6) as string[];
    return lines.length > 1 ? `${lines[0]!.replace(/\s+$/, '')}…` : (lines[0] ?? '');
  };

  doc.setFont('helvetica', 'bold');
  doc.setFontSize(14);
  let y = MARGIN + 4;
  doc.text(safe(table.title), MARGIN, y);
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(FONT_SIZE);
  y += 18;
  for (const line of table.lines ?? []) {
    doc.text(safe(line), MARGIN, y);
    y += 14;
  }
  y += 6;

  const drawRow = (cells: readonly string[], bold: boolean) => {
    doc.setFont('helvetica', bold ? 'bold' : 'normal');
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.text(fit(safe(cell), widths[i]!), x + 3, y + 12);
      x += widths[i]!;
    });
    doc.setDrawColor(180);
    doc.line(MARGIN, y + rowHeight, MARGIN + usable, y + rowHeight);
    y += rowHeight;
  };
  drawRow(table.header, true);
  for (const row of table.rows) {
    if (y + rowHeight > pageHeight - MARGIN - 14) {
      doc.addPage();
      y = MARGIN;
      drawRow(table.header, true);
    }
    drawRow(row, false);
  }
  y += 14;
  for (const line of table.footer ?? []) {
    if (y > pageHeight - MARGIN - 14) {
      doc.addPage();
      y = MARGIN;
    }
    doc.text(safe(line), MARGIN, y);
    y += 14;
  }
  const pages = doc.getNumberOfPages();
  for (let p = 1; p <= pages; p++) {
    doc.setPage(p);
    doc.setFontSize(8);
    doc.text(table.pageLabel(p, pages), pageWidth - MARGIN, pageHeight - 20, { align: 'right' });
  }
  return { bytes: new Uint8Array(doc.output('arraybuffer')), altered };
}

const TYPOGRAPHY: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '•': '-',
};

/**
 * The text in Latin-1: typographic marks made plain, accents outside Latin-1 dropped, anything else "?";
 * `lossy` when a letter lost its accent or became "?".
 */
export function latin1(text: string): { text: string; lossy: boolean } {
  let out = '';
  let lossy = false;
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) out += ch;
    else if (TYPOGRAPHY[ch] !== undefined) out += TYPOGRAPHY[ch];
    else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => c.codePointAt(0)! < 0x100) ? base : '?';
      lossy = true;
    }
  }
  return { text: out, lossy };
}
