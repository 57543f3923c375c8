package org.mbccds.ops;

import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;

/** The Prometheus text of /q/metrics, read as series -> value. */
final class Metrics {
    private final Map<String, Double> series = new TreeMap<>();
    private final String text;

    private Metrics(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    static Metrics scrape() {
        return new Metrics(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** A series' value, 0 when it does not exist (yet). */
    double value(String name, String labels) {
        return series.getOrDefault(name + "{" + labels + "}", 0.0);
    }

    boolean has(String name, String labels) {
        return series.containsKey(name + "{" + labels + "}");
    }

    long count(String prefix) {
        return series.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    String text() {
        return text;
    }
}
