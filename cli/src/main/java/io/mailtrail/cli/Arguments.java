package io.mailtrail.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The options given to a command, checked against the options it declares. Immutable. */
public final class Arguments {

    private final Map<String, String> values;
    private final Set<String> flags;

    private Arguments(Map<String, String> values, Set<String> flags) {
        this.values = Map.copyOf(values);
        this.flags = Set.copyOf(flags);
    }

    /**
     * Parses {@code --name value}, {@code --name=value} and {@code --flag}.
     *
     * @throws CliException (usage) naming the unknown option, the missing value, or the stray argument
     */
    public static Arguments parse(String command, List<String> args, List<Option> declared) {
        Map<String, Option> byName = new HashMap<>();
        declared.forEach(o -> byName.put(o.name(), o));
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw CliException.usage("'" + arg + "' is no option of '" + command + "'; see: mailtrail help " + command);
            }
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Option option = byName.get(name);
            if (option == null) {
                throw CliException.usage("unknown option --" + name + " for '" + command + "'; see: mailtrail help " + command);
            }
            if (option.isFlag()) {
                if (inline != null) {
                    throw CliException.usage("option --" + name + " takes no value (got '" + inline + "')");
                }
                flags.add(name);
            } else if (inline != null) {
                values.put(name, inline);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                values.put(name, args.get(++i));
            } else {
                throw CliException.usage("option --" + name + " needs a value: " + option.synopsis());
            }
        }
        return new Arguments(values, flags);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** Names only: values may be secrets. */
    @Override
    public String toString() {
        return "Arguments" + values.keySet() + flags;
    }
}
