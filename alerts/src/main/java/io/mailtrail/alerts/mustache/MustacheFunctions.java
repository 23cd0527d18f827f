package io.mailtrail.alerts.mustache;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.DefaultMustache;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.WriteCode;
import io.mailtrail.alerts.support.Json;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lang-mustache's section functions: {@code {{#toJson}}path{{/toJson}}}, {@code {{#join}}path{{/join}}},
 * {@code {{#join delimiter='x'}}path{{/join delimiter='x'}}} and {@code {{#url}}...{{/url}}}.
 */
final class MustacheFunctions extends DefaultMustacheVisitor {

    private static final Pattern JOIN_WITH_DELIMITER = Pattern.compile("^join delimiter='(.*)'$");

    MustacheFunctions(DefaultMustacheFactory factory) {
        super(factory);
    }

    @Override
    public void iterable(TemplateContext tc, String variable, Mustache mustache) {
        if ("toJson".equalsIgnoreCase(variable)) {
            list.add(new ValueFunction(tc, df, mustache, "toJson", ValueFunction.TO_JSON));
        } else if ("join".equalsIgnoreCase(variable)) {
            list.add(new ValueFunction(tc, df, mustache, "join", ValueFunction.joining(",")));
        } else if (JOIN_WITH_DELIMITER.matcher(variable).matches()) {
            Matcher m = JOIN_WITH_DELIMITER.matcher(variable);
            m.matches();
            list.add(new ValueFunction(tc, df, mustache, "join", ValueFunction.joining(m.group(1))));
        } else if ("url".equalsIgnoreCase(variable)) {
            list.add(new UrlEncoded(tc, df, mustache, variable));
        } else {
            super.iterable(tc, variable, mustache);
        }
    }

    /** A function of the value named inside the section: the section holds exactly one identifier. */
    static final class ValueFunction extends IterableCode {

        /** How the resolved value becomes text; the handler stringifies scalars. */
        interface Render {
            String apply(Object resolved, String identity, com.github.mustachejava.ObjectHandler oh);
        }

        static final Render TO_JSON = (resolved, identity, oh) -> {
            if (resolved == null) {
                return null;
            }
            if (resolved instanceof Iterable<?> || resolved instanceof Map<?, ?>) {
                return Json.write(unwrap(resolved));
            }
            return oh.stringify(resolved);
        };

        static Render joining(String delimiter) {
            return (resolved, identity, oh) -> {
                if (identity == null) {
                    return null;
                }
                if (resolved instanceof Iterable<?> items) {
                    StringJoiner joiner = new StringJoiner(delimiter);
                    for (Object o : items) {
                        joiner.add(oh.stringify(o));
                    }
                    return joiner.toString();
                }
                return identity;
            };
        }

        private final String function;
        private final Render render;

        ValueFunction(TemplateContext tc, DefaultMustacheFactory df, Mustache mustache, String function, Render render) {
            super(tc, df, mustache, identifier(function, mustache, tc));
            this.function = function;
            this.render = render;
        }

        @Override
        public Writer execute(Writer writer, List<Object> scopes) {
            Object resolved = get(scopes);
            Function<String, String> f = identity -> render.apply(resolved, identity, oh);
            writer = handle(writer, f, scopes);
            appendText(writer);
            return writer;
        }

        @Override
        protected void tag(Writer writer, String tag) throws IOException {
            writer.write(tc.startChars());
            writer.write(tag);
            writer.write(function);
            writer.write(tc.endChars());
        }

        private static String identifier(String function, Mustache mustache, TemplateContext tc) {
            Code[] codes = mustache.getCodes();
            if (codes == null || codes.length != 1) {
                throw new MustacheException("Mustache function [" + function + "] must contain one and only one identifier");
            }
            try (StringWriter capture = new StringWriter()) {
                if (codes[0] instanceof WriteCode) {
                    codes[0].execute(capture, List.of());
                } else {
                    codes[0].identity(capture);
                }
                return capture.toString();
            } catch (IOException e) {
                throw new MustacheException("Exception while parsing mustache function [" + function + "] at line " + tc.line(), e);
            }
        }

        private static Object unwrap(Object o) {
            if (o instanceof ListsAsMaps.IndexedView v) {
                return v.items();
            }
            return o;
        }
    }

    /** {@code {{#url}}...{{/url}}}: renders the section, then URL-encodes it (UTF-8, space as +). */
    static final class UrlEncoded extends DefaultMustache {

        UrlEncoded(TemplateContext tc, DefaultMustacheFactory df, Mustache mustache, String variable) {
            super(tc, df, mustache.getCodes(), variable);
        }

        @Override
        public Writer run(Writer writer, List<Object> scopes) {
            if (getCodes() != null) {
                for (Code code : getCodes()) {
                    StringWriter capture = new StringWriter();
                    code.execute(capture, scopes);
                    try {
                        MediaType.FORM.encode(capture.toString(), writer);
                    } catch (IOException e) {
                        throw new MustacheException("Exception while parsing mustache function at line " + tc.line(), e);
                    }
                }
            }
            return writer;
        }
    }
}
