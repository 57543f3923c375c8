package org.mbccds.bench;

import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mbccds.cdshooks.CdsServiceResponse;
import org.mbccds.hooks.InProcessService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * In-process cost of our answer against a baseline that only parses the same request with HAPI FHIR and answers
 * with no decision. Run by bench/run.sh:
 *
 * <pre>java -cp target/test-classes:target/classes:CLASSPATH org.mbccds.bench.BaselineBench FILE...</pre>
 *
 * Each FILE is a CDS Hooks request named HOOK-SIZE.json (bench/gen_records.py). Baseline: Jackson readTree of the
 * body, HAPI parse (narrative dropped, as the service does) of every prefetch and draftOrders resource from the tree (JacksonStructure.setNativeObject +
 * IJsonLikeParser.parseResource, as ResourceReader does), and {"cards": []} written. Ours: the whole flow, step by
 * step (validate, RecordAssembler, ClinicalPictureFactory, DecisionEngine, CardRenderer, JSON). Both run
 * interleaved in the same loop, so a load change on the machine hits both alike; medians are reported.
 * System properties: warmup (iterations over all files, default 3000), seconds (per file, default 4), max (iterations
 * per file, default 3000).
 */
public final class BaselineBench {
    private final InProcessService service;

    private BaselineBench(InProcessService service) {
        this.service = service;
    }

    /** The baseline: parse everything with HAPI, decide nothing, write {"cards": []}. Returns the resource count. */
    int baseline(byte[] body) throws IOException {
        JsonNode tree = service.mapper.readTree(body);
        int n = 0;
        for (JsonNode value : tree.path("prefetch")) {
            n += parseAll(value);
        }
        n += parseAll(tree.path("context").path("draftOrders"));
        byte[] out = service.mapper.writeValueAsBytes(CdsServiceResponse.of(List.of()));
        return n + (out.length > 0 ? 0 : 1);
    }

    private int parseAll(JsonNode value) {
        if (!value.isObject()) {
            return 0;
        }
        IJsonLikeParser parser = (IJsonLikeParser) service.fhirContext.newJsonParser();
        if (!"Bundle".equals(value.path("resourceType").asText())) {
            parse(parser, value);
            return 1;
        }
        int n = 0;
        for (JsonNode entry : value.path("entry")) {
            if (entry.path("resource").isObject()) {
                parse(parser, entry.path("resource"));
                n++;
            }
        }
        return n;
    }

    private static void parse(IJsonLikeParser parser, JsonNode node) {
        // The narrative is dropped before parsing, as ResourceReader does: otherwise the baseline would pay for an
        // XHTML parse per resource that the service skips, and flatter the ratio.
        if (node.path("text").isObject()) {
            ((ObjectNode) node).remove("text");
        }
        JacksonStructure structure = new JacksonStructure();
        structure.setNativeObject((ObjectNode) node);
        parser.parseResource(structure);
    }

    private record Workload(String name, String serviceId, byte[] body, int resources) {
    }

    private record Result(Workload w, int iterations, long baseline, long ours, long validate, long record, long picture,
                          long decide, long render) {
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("warmup", 3000);
        double seconds = Double.parseDouble(System.getProperty("seconds", "4"));
        int max = Integer.getInteger("max", 3000);
        long t0 = System.nanoTime();
        BaselineBench bench = new BaselineBench(new InProcessService(Path.of(System.getProperty("root", "."))));
        System.err.printf(Locale.ROOT, "knowledge loaded in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        List<Workload> workloads = new ArrayList<>();
        for (String a : args) {
            Path p = Path.of(a);
            String name = p.getFileName().toString().replace(".json", "");
            String hook = name.substring(0, name.lastIndexOf('-'));
            byte[] body = Files.readAllBytes(p);
            workloads.add(new Workload(name, "mbc-" + hook, body, bench.baseline(body)));
        }
        // Warm-up: every file, both paths, smallest first so the JIT sees every branch several thousand times.
        long w0 = System.nanoTime();
        List<Workload> bySize = workloads.stream().sorted((a, b) -> Integer.compare(a.resources(), b.resources())).toList();
        for (int i = 0; i < warmup; i++) {
            Workload w = bySize.get(i % bySize.size());
            if (w.resources() > 400 && i % 4 != 0) {
                w = bySize.get(0); // big records less often: the warm-up stays within a minute
            }
            bench.baseline(w.body());
            bench.service.timedCall(w.serviceId(), w.body());
        }
        System.err.printf(Locale.ROOT, "warm-up: %d iterations in %.1f s%n", warmup, (System.nanoTime() - w0) / 1e9);

        List<Result> results = new ArrayList<>();
        for (Workload w : workloads) {
            List<long[]> samples = new ArrayList<>();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            for (int i = 0; i < max && (System.nanoTime() < end || i < 30); i++) {
                long[] s = new long[7];
                // Alternate the order so neither path always runs on a cache warmed by the other.
                if (i % 2 == 0) {
                    s[0] = timeBaseline(bench, w);
                    fill(s, bench.service.timedCall(w.serviceId(), w.body()));
                } else {
                    fill(s, bench.service.timedCall(w.serviceId(), w.body()));
                    s[0] = timeBaseline(bench, w);
                }
                samples.add(s);
            }
            results.add(new Result(w, samples.size(), median(samples, 0), median(samples, 1), median(samples, 2),
                    median(samples, 3), median(samples, 4), median(samples, 5), median(samples, 6)));
        }
        print(results);
    }

    private static long timeBaseline(BaselineBench bench, Workload w) throws IOException {
        long a = System.nanoTime();
        bench.baseline(w.body());
        return System.nanoTime() - a;
    }

    private static void fill(long[] s, InProcessService.Steps steps) {
        s[1] = steps.total();
        s[2] = steps.parseAndValidate();
        s[3] = steps.record();
        s[4] = steps.picture();
        s[5] = steps.decide();
        s[6] = steps.render();
    }

    private static long median(List<long[]> samples, int column) {
        long[] v = samples.stream().mapToLong(s -> s[column]).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static void print(List<Result> results) {
        System.out.println("In-process medians (microseconds). baseline = readTree + HAPI parse of every resource + {\"cards\": []};");
        System.out.println("ours = validate | record (HAPI parse + assembly) | picture | decide | render+JSON;"
                + " d+r = (picture + decide + render) / baseline");
        System.out.printf(Locale.ROOT, "%-20s %6s %6s %10s %10s %7s %9s %9s %9s %9s %9s %6s%n", "request", "res", "iters",
                "baseline", "ours", "ratio", "validate", "record", "picture", "decide", "render", "d+r");
        for (Result r : results) {
            double dr = (double) (r.picture() + r.decide() + r.render()) / r.baseline();
            System.out.printf(Locale.ROOT, "%-20s %6d %6d %10.0f %10.0f %6.2fx %9.0f %9.0f %9.0f %9.0f %9.0f %5.2fx%n",
                    r.w().name(), r.w().resources(), r.iterations(), r.baseline() / 1e3, r.ours() / 1e3,
                    (double) r.ours() / r.baseline(), r.validate() / 1e3, r.record() / 1e3, r.picture() / 1e3,
                    r.decide() / 1e3, r.render() / 1e3, dr);
        }
    }
}
