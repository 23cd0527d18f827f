package io.mailtrail.alerts.mustache;

import com.github.mustachejava.reflect.ReflectionObjectHandler;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Array;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The object handler of lang-mustache: lists and arrays answer {@code size} and numeric keys
 * ({@code {{hits.0._source.x}}}), and still iterate in sections; no reflection on Java objects.
 */
final class ListsAsMaps extends ReflectionObjectHandler {

    @Override
    public Object coerce(Object object) {
        if (object == null) {
            return null;
        }
        if (object.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(object); i++) {
                items.add(Array.get(object, i));
            }
            return new IndexedView(items);
        }
        if (object instanceof Collection<?> c) {
            return new IndexedView(new ArrayList<>(c));
        }
        return super.coerce(object);
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected AccessibleObject findMember(Class sClass, String name) {
        // The model is maps, lists and scalars only: never read Java members.
        return null;
    }

    /** A list seen as a map from index (and "size") to element, iterable as the list. */
    static final class IndexedView extends AbstractMap<Object, Object> implements Iterable<Object> {
        private final List<Object> items;

        IndexedView(List<Object> items) {
            this.items = items;
        }

        List<Object> items() {
            return items;
        }

        @Override
        public Object get(Object key) {
            if ("size".equals(key)) {
                return items.size();
            }
            int index;
            if (key instanceof Number n) {
                index = n.intValue();
            } else {
                try {
                    index = Integer.parseInt(String.valueOf(key));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return index >= 0 && index < items.size() ? items.get(index) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            Map<Object, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i++) {
                m.put(i, items.get(i));
            }
            return m.entrySet();
        }

        @Override
        public Iterator<Object> iterator() {
            return items.iterator();
        }
    }
}
