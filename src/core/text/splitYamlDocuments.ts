/** One YAML document's text within a file. */
export interface DocumentChunk {
  text: string;
  /** 0-based line of the chunk's first line in the file. */
  startLine: number;
}

/** `---` or `...` at the start of a line, alone or followed by a space: a document boundary. */
const MARKER = /^(?:---|\.\.\.)(?:[ \t]|\r?$)/;
/** Lines that hold no content: blank, comment or directive. */
const NO_CONTENT = /^\s*(?:#.*)?\r?$|^%/;

/**
 * Splits a multi-document file at document markers without parsing it. YAML forbids `---` and
 * `...` at the start of a line inside any scalar, so the split is exact; it lets an edit
 * re-validate only the document that changed. A preamble without content (comments, modeline,
 * directives) is kept with the document after it. With `emptyDocuments`, a document that is
 * only a `---` (and comments) is a chunk of its own, so chunks and YAML documents correspond one
 * to one; without it, it is kept with the next document, as a preamble is.
 */
export function splitDocuments(text: string, options: { emptyDocuments?: boolean } = {}): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  let hasContent = false;
  // Whether the current chunk opened with its own `---` (an explicit, maybe empty, document).
  let explicit = false;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    // Only a line starting with `-` or `.` can be a marker, and content is looked for only until found: no other line is cut out.
    const first = text.charCodeAt(pos);
    const content: string = first === 45 || first === 46 || !hasContent ? text.slice(pos, end) : '';
    if (content.startsWith('---') && MARKER.test(content)) {
      if (hasContent || (options.emptyDocuments && explicit)) {
        chunks.push({ text: text.slice(start, pos), startLine });
        start = pos;
        startLine = line;
      }
      explicit = true;
      hasContent = content.length > 3 && !NO_CONTENT.test(content.slice(3));
    } else if (content.startsWith('...') && MARKER.test(content)) {
      // `...` ends the document: the next chunk starts after it.
      if (hasContent) {
        chunks.push({ text: text.slice(start, nl < 0 ? text.length : nl + 1), startLine });
        start = nl < 0 ? text.length : nl + 1;
        startLine = line + 1;
        hasContent = false;
        explicit = false;
      }
    } else if (!hasContent && !NO_CONTENT.test(content)) {
      hasContent = true;
    }
    if (nl < 0) break;
    pos = nl + 1;
    line++;
  }
  if (start < text.length || chunks.length === 0) chunks.push({ text: text.slice(start), startLine });
  return chunks;
}
