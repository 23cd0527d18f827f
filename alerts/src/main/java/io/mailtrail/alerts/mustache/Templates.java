package io.mailtrail.alerts.mustache;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;

/**
 * Mustache as Elasticsearch's lang-mustache runs it (mustache.java with {@code toJson}, {@code join},
 * {@code url}, list indexing and {@code .size}, values encoded by {@link MediaType}), and Watcher's text
 * templates on top of it.
 */
public final class Templates {

    /** The prefix that switches a Watcher text template to JSON escaping. */
    public static final String JSON_PREFIX = "__json__::";

    private Templates() {
    }

    /**
     * Compiles a template.
     *
     * @throws MustacheException when the template does not compile (e.g. mismatched tags)
     */
    public static Mustache compile(String source, MediaType mediaType) {
        return new Factory(mediaType).compile(new StringReader(source), "template");
    }

    /** Compiles and renders {@code source} with {@code params} (lang-mustache's script engine). */
    public static String render(String source, MediaType mediaType, Map<String, Object> params) {
        Mustache m = compile(source, mediaType);
        StringWriter out = new StringWriter();
        m.execute(out, params == null ? Map.of() : params);
        return out.toString();
    }

    /**
     * Watcher's {@code TextTemplateEngine}: {@code text/plain} unless the template starts with
     * {@link #JSON_PREFIX}; text without {@code {{} is returned as is; the model wins over the template's params.
     */
    public static String renderText(String template, Map<String, Object> templateParams, Map<String, Object> model) {
        if (template == null) {
            return null;
        }
        MediaType type = MediaType.TEXT;
        String source = template;
        if (source.startsWith(JSON_PREFIX)) {
            type = MediaType.JSON;
            source = source.substring(JSON_PREFIX.length());
        }
        if (!source.contains("{{")) {
            return source;
        }
        Map<String, Object> merged = new HashMap<>();
        if (templateParams != null) {
            merged.putAll(templateParams);
        }
        merged.putAll(model);
        return render(source, type, merged);
    }

    private static final class Factory extends DefaultMustacheFactory {
        private final MediaType mediaType;

        Factory(MediaType mediaType) {
            this.mediaType = mediaType;
            setObjectHandler(new ListsAsMaps());
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                mediaType.encode(value, writer);
            } catch (IOException e) {
                throw new MustacheException("Unable to encode value", e);
            }
        }

        @Override
        public MustacheVisitor createMustacheVisitor() {
            return new MustacheFunctions(this);
        }
    }
}
