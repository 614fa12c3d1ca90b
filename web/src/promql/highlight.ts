// Splits a PromQL expression into classed spans for the editor's highlighting layer. The
// tokenizer is forgiving: it must colour half-typed expressions, so it never rejects input.

import { aggregations, functions, keywords } from './language';

export type TokenKind = 'metric' | 'function' | 'aggregation' | 'keyword' | 'label' | 'string' | 'number' | 'duration' | 'operator' | 'paren' | 'comment' | 'text';

export interface Token {
  kind: TokenKind;
  text: string;
}

const functionSet = new Set(functions);
const aggregationSet = new Set(aggregations);
const keywordSet = new Set(keywords);

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let braceDepth = 0;
  let index = 0;
  const push = (kind: TokenKind, text: string) => tokens.push({ kind, text });
  while (index < source.length) {
    const rest = source.slice(index);
    const char = source[index];
    let match: RegExpMatchArray | null;
    if (char === '#') {
      const end = source.indexOf('\n', index);
      const text = end < 0 ? rest : source.slice(index, end);
      push('comment', text);
      index += text.length;
    } else if (char === '"' || char === "'" || char === '`') {
      let end = index + 1;
      while (end < source.length && source[end] !== char) {
        end += source[end] === '\\' && char !== '`' ? 2 : 1;
      }
      const text = source.slice(index, Math.min(end + 1, source.length));
      push('string', text);
      index += text.length;
    } else if ((match = rest.match(/^(\d+(ms|y|w|d|h|m|s))+/)) && !/^[\w]/.test(rest.slice(match[0].length))) {
      push('duration', match[0]);
      index += match[0].length;
    } else if ((match = rest.match(/^(0x[0-9a-fA-F]+|\d*\.?\d+([eE][+-]?\d+)?|Inf\b|NaN\b)/i))) {
      push('number', match[0]);
      index += match[0].length;
    } else if ((match = rest.match(/^[a-zA-Z_:][\w:.]*/))) {
      const word = match[0];
      const next = rest.slice(word.length).trimStart()[0];
      if (braceDepth > 0) {
        push('label', word);
      } else if (keywordSet.has(word.toLowerCase())) {
        push('keyword', word);
      } else if (aggregationSet.has(word) && (next === '(' || next === 'b' || next === 'w')) {
        push('aggregation', word);
      } else if (functionSet.has(word) && next === '(') {
        push('function', word);
      } else {
        push('metric', word);
      }
      index += word.length;
    } else if (char === '{' || char === '}') {
      braceDepth = Math.max(0, braceDepth + (char === '{' ? 1 : -1));
      push('paren', char);
      index += 1;
    } else if ('()[]'.includes(char)) {
      push('paren', char);
      index += 1;
    } else if ((match = rest.match(/^(==|!=|=~|!~|>=|<=|[-+*/%^<>=@,:])/))) {
      push('operator', match[0]);
      index += match[0].length;
    } else {
      push('text', char);
      index += 1;
    }
  }
  return tokens;
}
