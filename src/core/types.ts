/** Shared, language-neutral records of the analyzer. Offsets are UTF-16 code units, as in VS Code. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A replacement of the text between two offsets. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  /** A safe fix, as plain text edits, when one exists. */
  fix?: Fix;
}

/** Languages the analyzer understands, by VS Code language id. */
export type AnalyzedLanguage =
  | 'javascript'
  | 'javascriptreact'
  | 'typescript'
  | 'typescriptreact'
  | 'python'
  | 'shellscript'
  | 'go';
