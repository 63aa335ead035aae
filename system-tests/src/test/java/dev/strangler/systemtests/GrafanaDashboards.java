package dev.strangler.systemtests;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the provisioned Grafana dashboards (grafana/dashboards/*.json) the way Grafana would run them: every query of
 * every panel, with its template variables replaced, since Grafana itself cannot run here to do it.
 */
final class GrafanaDashboards {

    private static final JsonMapper json = JsonMapper.builder().build();
    /** {@code $name} or {@code ${name}}, Grafana's two spellings of a variable. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");
    /** A metric name right before its label matchers: every selector in the dashboards has some. */
    private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*(\\w+)\\s*,\\s*(\\w+)\\s*\\)");

    private final List<Dashboard> dashboards;

    private GrafanaDashboards(List<Dashboard> dashboards) {
        this.dashboards = dashboards;
    }

    /** One panel query: where it is, as a reader of a failure needs it, and its PromQL as written. */
    record Query(String dashboard, String panel, String refId, String expr) {

        /** The PromQL Grafana would send, with the variables given and the built-in ones replaced. */
        String resolve(Map<String, String> values) {
            Matcher matcher = VARIABLE.matcher(expr);
            var resolved = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                String value = values.get(name);
                if (value == null) {
                    throw new IllegalArgumentException(this + " uses $" + name + ", which has no value "
                            + "in the test; known: " + values.keySet());
                }
                matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
            }
            return matcher.appendTail(resolved).toString();
        }

        /** The metric names the query selects. */
        Set<String> metrics() {
            var names = new LinkedHashSet<String>();
            Matcher matcher = METRIC.matcher(expr);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        }

        @Override
        public String toString() {
            return "\"" + dashboard + "\" / panel \"" + panel + "\" [" + refId + "]";
        }
    }

    /** A query variable of the form {@code label_values(metric, label)}. */
    record Variable(String dashboard, String name, String metric, String label) {
    }

    /** One dashboard file: its title, the queries of its panels and its query variables. */
    private record Dashboard(String title, List<Query> queries, List<Variable> variables) {
    }

    static GrafanaDashboards load(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            var dashboards = new ArrayList<Dashboard>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards.add(parse(json.readTree(Files.readString(file))));
            }
            return new GrafanaDashboards(dashboards);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read the dashboards in " + dir, ex);
        }
    }

    private static Dashboard parse(JsonNode dashboard) {
        String title = dashboard.path("title").asString();
        var queries = new ArrayList<Query>();
        collectQueries(title, dashboard.path("panels"), queries);
        var variables = new ArrayList<Variable>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asString())) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asString() : query.asString();
                Matcher matcher = LABEL_VALUES.matcher(text);
                if (!matcher.matches()) {
                    throw new IllegalArgumentException("Variable " + variable.path("name").asString() + " of \""
                            + title + "\" is not label_values(metric, label): " + text);
                }
                variables.add(new Variable(title, variable.path("name").asString(), matcher.group(1),
                        matcher.group(2)));
            }
        }
        return new Dashboard(title, queries, variables);
    }

    /** Panels, including those inside collapsed rows. */
    private static void collectQueries(String dashboard, JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(dashboard, panel.path("title").asString(), target.path("refId").asString(),
                        target.path("expr").asString()));
            }
            collectQueries(dashboard, panel.path("panels"), queries);
        }
    }

    List<String> titles() {
        return dashboards.stream().map(Dashboard::title).toList();
    }

    List<Query> queries() {
        return dashboards.stream().flatMap(dashboard -> dashboard.queries().stream()).toList();
    }

    List<Variable> variables() {
        return dashboards.stream().flatMap(dashboard -> dashboard.variables().stream()).toList();
    }

    long panelCount() {
        return queries().stream().map(query -> query.dashboard() + "\n" + query.panel()).distinct().count();
    }
}
