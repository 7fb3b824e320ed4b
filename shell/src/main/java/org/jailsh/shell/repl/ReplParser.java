package org.jailsh.shell.repl;

import java.util.ArrayList;
import java.util.List;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;

import org.jailsh.shell.repl.Tokens.Kind;
import org.jailsh.shell.repl.Tokens.Token;

/**
 * Splits REPL input for JLine. Enter on input with an open bracket, triple-quoted string or block comment asks
 * for another line ({@code jail('x') {} spans lines; a brace inside a string does not count). For completion, the
 * words are Groovy-aware: in {@code jail('we} the word being completed is {@code we}, in {@code vnet=o} it is the
 * whole {@code vnet=o}.
 */
public final class ReplParser implements Parser {

    @Override
    public ReplLine parse(String line, int cursor, ParseContext context) {
        Tokens tokens = Tokens.of(line);
        if (context == ParseContext.ACCEPT_LINE && tokens.incomplete()) {
            String open = tokens.openBrackets();
            // the open-bracket count lets JLine indent the next line (a typed closing brace takes the indent
            // back); inside a triple-quoted string the indent would become part of the string, so none then
            int indent = tokens.insideText() ? 0 : open.length();
            throw new EOFError(-1, -1, open.isEmpty() ? "open string or comment" : "open bracket",
                    open.isEmpty() ? "" : closers(open), indent,
                    open.isEmpty() ? null : closers(open).substring(0, 1));
        }
        return ReplLine.of(line, cursor, tokens);
    }

    private static String closers(String open) {
        StringBuilder b = new StringBuilder();
        for (int i = open.length() - 1; i >= 0; i--) {
            char c = open.charAt(i);
            b.append(c == '(' ? ')' : c == '[' ? ']' : '}');
        }
        return b.toString();
    }

    /**
     * The parsed input: JLine's words, plus the statement around the cursor (its tokens from the last
     * {@code ;}, brace or new line) for the completer.
     *
     * @param statement the statement's tokens up to and including the current one (no spaces or comments)
     * @param inString  the current word is inside quotes
     * @param blockDepth how many braces are open before the statement (1 inside {@code jail('x') {…}})
     */
    public record ReplLine(String line, int cursor, List<String> words, int wordIndex, int wordCursor,
                           List<Token> statement, boolean inString, int blockDepth)
            implements CompletingParsedLine {

        static ReplLine of(String line, int cursor, Tokens tokens) {
            List<String> words = new ArrayList<>();
            List<Token> statement = new ArrayList<>();
            int index = -1;
            int wordCursor = 0;
            boolean inString = false;
            int depth = 0;
            int statementDepth = 0;
            for (Token t : tokens.all()) {
                if (t.start() >= cursor && index >= 0) {
                    break;
                }
                boolean breaks = t.kind() == Kind.PUNCT && "{};".contains(t.text())
                        || t.kind() == Kind.SPACE && t.text().contains("\n");
                if (t.kind() == Kind.PUNCT && t.text().equals("{")) {
                    depth++;
                } else if (t.kind() == Kind.PUNCT && t.text().equals("}")) {
                    depth = Math.max(0, depth - 1);
                }
                if (breaks && t.end() <= cursor) {
                    statement.clear();
                    statementDepth = depth;
                    continue;
                }
                if (t.kind() == Kind.SPACE || t.kind() == Kind.COMMENT) {
                    continue;
                }
                int contentStart = t.kind() == Kind.STRING ? t.start() + quoteLength(t) : t.start();
                int contentEnd = t.kind() == Kind.STRING && t.closed() ? t.end() - quoteLength(t) : t.end();
                if (t.kind() != Kind.PUNCT && index < 0 && cursor >= contentStart && cursor <= contentEnd) {
                    index = words.size();
                    wordCursor = cursor - contentStart;
                    inString = t.kind() == Kind.STRING;
                    words.add(line.substring(contentStart, contentEnd));
                    statement.add(t);
                } else if (t.end() <= cursor) {
                    if (t.kind() != Kind.PUNCT) {
                        words.add(line.substring(contentStart, contentEnd));
                    }
                    statement.add(t);
                }
            }
            if (index < 0) {
                // the cursor is between words: complete an empty word there
                index = words.size();
                words.add("");
                statement.add(new Token(Kind.WORD, cursor, cursor, "", true));
            }
            return new ReplLine(line, cursor, words, index, wordCursor, statement, inString, statementDepth);
        }

        private static int quoteLength(Token t) {
            return t.text().startsWith("'''") || t.text().startsWith("\"\"\"") ? 3 : 1;
        }

        @Override
        public String word() {
            return words.get(wordIndex);
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }

        /** The statement's words before the current one (strings unquoted; brackets and commas left out). */
        public List<String> before() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < statement.size() - 1; i++) {
                Token t = statement.get(i);
                if (t.kind() != Kind.PUNCT) {
                    out.add(t.unquoted());
                }
            }
            return out;
        }

        /** The punctuation right before the current word, or 0. */
        public char punctBefore() {
            if (statement.size() < 2) {
                return 0;
            }
            Token t = statement.get(statement.size() - 2);
            return t.kind() == Kind.PUNCT ? t.text().charAt(0) : 0;
        }
    }
}
