package org.jailsh.shell.repl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A small lexer for REPL input, enough for both spellings: Groovy strings (single, double, triple-quoted, with
 * backslash escapes), comments, numbers, words and punctuation, and which brackets are still open. Highlighting,
 * completion and the "needs another line" decision all read the same tokens, so they agree about what is a string.
 */
public final class Tokens {

    /** What a token is; SPACE includes newlines. */
    public enum Kind { WORD, STRING, NUMBER, COMMENT, PUNCT, SPACE }

    /**
     * One token; a STRING's text includes its quotes, {@code closed} is false for a string or comment the input
     * ends inside.
     */
    public record Token(Kind kind, int start, int end, String text, boolean closed) {
        /** A string's content without its quotes (as far as typed). */
        public String unquoted() {
            if (kind != Kind.STRING) {
                return text;
            }
            int q = text.startsWith("'''") || text.startsWith("\"\"\"") ? 3 : 1;
            int tail = closed ? q : 0;
            return text.length() >= q + tail ? text.substring(q, text.length() - tail) : "";
        }
    }

    private final List<Token> tokens;
    private final Deque<Character> open;

    private Tokens(List<Token> tokens, Deque<Character> open) {
        this.tokens = tokens;
        this.open = open;
    }

    public List<Token> all() {
        return tokens;
    }

    /** Tokens that are not spaces or comments. */
    public List<Token> words() {
        return tokens.stream().filter(t -> t.kind() != Kind.SPACE && t.kind() != Kind.COMMENT).toList();
    }

    /** Brackets opened and not closed, innermost last. */
    public String openBrackets() {
        StringBuilder b = new StringBuilder();
        open.descendingIterator().forEachRemaining(b::append);
        return b.toString();
    }

    /**
     * True while the input cannot be complete: a bracket is open, or a triple-quoted string or block comment
     * is. A single-quoted string cannot span lines in Groovy, so an unclosed one is left for the evaluator to
     * report rather than waited for.
     */
    public boolean incomplete() {
        if (!open.isEmpty()) {
            return true;
        }
        if (tokens.isEmpty()) {
            return false;
        }
        Token last = tokens.get(tokens.size() - 1);
        return insideText() && (last.kind() == Kind.COMMENT && last.text().startsWith("/*")
                || last.kind() == Kind.STRING && (last.text().startsWith("'''") || last.text().startsWith("\"\"\"")));
    }

    /** The input ends inside a string or comment that has not been closed. */
    public boolean insideText() {
        if (tokens.isEmpty()) {
            return false;
        }
        Token last = tokens.get(tokens.size() - 1);
        return !last.closed() && (last.kind() == Kind.STRING || last.kind() == Kind.COMMENT);
    }

    public static Tokens of(String s) {
        List<Token> out = new ArrayList<>();
        Deque<Character> open = new ArrayDeque<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.SPACE, start, i, s.substring(start, i), true));
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                i = lineEnd(s, i);
                out.add(new Token(Kind.COMMENT, start, i, s.substring(start, i), true));
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int close = s.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                out.add(new Token(Kind.COMMENT, start, i, s.substring(start, i), close >= 0));
            } else if (c == '\'' || c == '"') {
                i = string(s, i, out);
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, start, i, s.substring(start, i), true));
            } else if (isWordChar(c)) {
                while (i < n && isWordChar(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.WORD, start, i, s.substring(start, i), true));
            } else {
                i++;
                bracket(c, open);
                out.add(new Token(Kind.PUNCT, start, i, String.valueOf(c), true));
            }
        }
        return new Tokens(out, open);
    }

    /** Word characters cover iocage spellings too: {@code vnet=on}, {@code -r}, {@code /srv/www}, {@code 13.2-RELEASE}. */
    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || "_-=./$@*~+%:|!?<>&^".indexOf(c) >= 0;
    }

    private static void bracket(char c, Deque<Character> open) {
        switch (c) {
            case '(', '[', '{' -> open.push(c);
            case ')', ']', '}' -> {
                char want = c == ')' ? '(' : c == ']' ? '[' : '{';
                // a stray closer is the evaluator's error to report; it must not make the shell wait
                if (!open.isEmpty() && open.peek() == want) {
                    open.pop();
                }
            }
            default -> { }
        }
    }

    private static int string(String s, int i, List<Token> out) {
        char q = s.charAt(i);
        String quote = s.startsWith(String.valueOf(q).repeat(3), i) ? String.valueOf(q).repeat(3) : String.valueOf(q);
        int start = i;
        i += quote.length();
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                i += 2;
            } else if (s.startsWith(quote, i)) {
                i += quote.length();
                out.add(new Token(Kind.STRING, start, i, s.substring(start, i), true));
                return i;
            } else if (c == '\n' && quote.length() == 1) {
                break;
            } else {
                i++;
            }
        }
        out.add(new Token(Kind.STRING, start, i, s.substring(start, i), false));
        return i;
    }

    private static int lineEnd(String s, int i) {
        int nl = s.indexOf('\n', i);
        return nl < 0 ? s.length() : nl;
    }
}
