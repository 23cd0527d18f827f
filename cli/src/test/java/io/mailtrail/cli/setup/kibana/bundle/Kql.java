package io.mailtrail.cli.setup.kibana.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.mailtrail.cli.setup.kibana.bundle.Lens.JSON;

/**
 * The subset of KQL the bundle uses, parsed, with the fields it names and the query DSL Kibana sends for it.
 * Translation as Kibana's {@code @kbn/es-query} kuery functions do ({@code packages/kbn-es-query/src/kuery/functions/}):
 * {@code is} → {@code exists} for {@code *}, {@code match_phrase} for a quoted value, {@code match} otherwise;
 * {@code range} → {@code range}; {@code and} → {@code bool.filter}; {@code or} → {@code bool.should} with
 * {@code minimum_should_match: 1}; {@code not} → {@code bool.must_not}.
 * Grammar: {@code or := and ("or" and)*; and := not ("and" not)*; not := "not" not | "(" or ")" | field (":" value | op number)}.
 */
public final class Kql {

    /** A parsed expression. */
    public sealed interface Node permits Is, Range, And, Or, Not {
    }

    public record Is(String field, String value, boolean quoted) implements Node {
    }

    public record Range(String field, String op, double value) implements Node {
    }

    public record And(List<Node> parts) implements Node {
    }

    public record Or(List<Node> parts) implements Node {
    }

    public record Not(Node inner) implements Node {
    }

    private final List<String> tokens;
    private int pos;

    private Kql(String text) {
        this.tokens = tokenize(text);
    }

    /** @return null for an empty query (matches everything) */
    public static Node parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Kql k = new Kql(text);
        Node n = k.or();
        if (k.pos != k.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + k.tokens.get(k.pos) + "' in KQL: " + text);
        }
        return n;
    }

    /** Every field the query names. */
    public static Set<String> fields(String text) {
        Set<String> out = new LinkedHashSet<>();
        collect(parse(text), out);
        return out;
    }

    private static void collect(Node n, Set<String> out) {
        if (n instanceof Is is) {
            out.add(is.field());
        } else if (n instanceof Range r) {
            out.add(r.field());
        } else if (n instanceof And a) {
            a.parts().forEach(p -> collect(p, out));
        } else if (n instanceof Or o) {
            o.parts().forEach(p -> collect(p, out));
        } else if (n instanceof Not not) {
            collect(not.inner(), out);
        }
    }

    /** The query DSL of a KQL text; {@code match_all} for an empty one. */
    public static ObjectNode toDsl(String text) {
        Node n = parse(text);
        return n == null ? (ObjectNode) JSON.createObjectNode().set("match_all", JSON.createObjectNode()) : dsl(n);
    }

    private static ObjectNode dsl(Node n) {
        ObjectNode q = JSON.createObjectNode();
        if (n instanceof Is is) {
            if (!is.quoted() && is.value().equals("*")) {
                q.putObject("exists").put("field", is.field());
            } else {
                q.putObject(is.quoted() ? "match_phrase" : "match").put(is.field(), is.value());
            }
        } else if (n instanceof Range r) {
            String op = switch (r.op()) {
                case ">" -> "gt";
                case ">=" -> "gte";
                case "<" -> "lt";
                default -> "lte";
            };
            q.putObject("range").putObject(r.field()).put(op, r.value());
        } else if (n instanceof And a) {
            var filter = q.putObject("bool").putArray("filter");
            a.parts().forEach(p -> filter.add(dsl(p)));
        } else if (n instanceof Or o) {
            ObjectNode bool = q.putObject("bool");
            var should = bool.putArray("should");
            o.parts().forEach(p -> should.add(dsl(p)));
            bool.put("minimum_should_match", 1);
        } else if (n instanceof Not not) {
            q.putObject("bool").putArray("must_not").add(dsl(not.inner()));
        }
        return q;
    }

    private Node or() {
        List<Node> parts = new ArrayList<>(List.of(and()));
        while (peekWord("or")) {
            pos++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Or(parts);
    }

    private Node and() {
        List<Node> parts = new ArrayList<>(List.of(not()));
        while (peekWord("and")) {
            pos++;
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : new And(parts);
    }

    private Node not() {
        if (peekWord("not")) {
            pos++;
            return new Not(not());
        }
        if ("(".equals(peek())) {
            pos++;
            Node n = or();
            expect(")");
            return n;
        }
        String field = unquote(next());
        String op = next();
        if (op.equals(":")) {
            String raw = next();
            boolean quoted = raw.startsWith("\"");
            return new Is(field, quoted ? unquote(raw) : raw, quoted);
        }
        if (List.of(">", ">=", "<", "<=").contains(op)) {
            return new Range(field, op, Double.parseDouble(next()));
        }
        throw new IllegalArgumentException("expected ':' or a comparison after field " + field + ", got '" + op + "'");
    }

    private boolean peekWord(String w) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(w);
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("KQL ends too early");
        }
        return tokens.get(pos++);
    }

    private void expect(String t) {
        if (!t.equals(next())) {
            throw new IllegalArgumentException("expected " + t);
        }
    }

    private static String unquote(String t) {
        return t.startsWith("\"") ? t.substring(1, t.length() - 1).replace("\\\"", "\"") : t;
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int j = i + 1;
                while (j < s.length() && (s.charAt(j) != '"' || s.charAt(j - 1) == '\\')) {
                    j++;
                }
                out.add(s.substring(i, j + 1));
                i = j + 1;
            } else if (c == '(' || c == ')' || c == ':') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '>' || c == '<') {
                boolean eq = i + 1 < s.length() && s.charAt(i + 1) == '=';
                out.add(eq ? c + "=" : String.valueOf(c));
                i += eq ? 2 : 1;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "():<>\"".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
