import dev.tracerlinks.tracker.pdf.PdfRewriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rewrites each corpus PDF `runs` times after a warm-up of the whole corpus, and reports the median
 * and p95 wall time per file, the bytes allocated per rewrite, and the heap pools' peak while
 * rewriting it (reset after a GC before each file; it includes garbage not yet collected, so it
 * shows how far the young generation fills, not what a rewrite needs: the script's second run with
 * a small -Xmx shows that).
 * Tokens come from a counter, so the time is PDF work only, not link issuance in SQLite.
 */
public class PdfBench {
    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        List<Path> files;
        try (Stream<Path> list = Files.list(corpus)) {
            files = list.filter(path -> path.toString().endsWith(".pdf")).sorted().toList();
        }
        PdfRewriter rewriter = new PdfRewriter(PdfRewriter.Limits.defaults());
        PdfRewriter.LinkIssuer issuer = (sourcePath, destination, description) ->
                new PdfRewriter.IssuedLink("acme-xy", "https://t.example.com/cv/acme-" + Integer.toHexString(destination.hashCode() & 0xfff));
        for (int warm = 0; warm < 5; warm++) {
            for (Path file : files) {
                rewriter.rewrite("bench", Files.readAllBytes(file), issuer);
            }
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.printf("%-45s %6s %10s %8s %14s %14s%n", "file", "KiB", "median ms", "p95 ms", "alloc MiB/run", "heap pools MiB");
        List<Double> medians = new ArrayList<>();
        for (Path file : files) {
            byte[] input = Files.readAllBytes(file);
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            List<Double> millis = new ArrayList<>();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                rewriter.rewrite("bench", input, issuer);
                millis.add((System.nanoTime() - start) / 1e6);
            }
            long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            double allocated = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / (double) runs / 1048576.0;
            Collections.sort(millis);
            double median = millis.get(millis.size() / 2);
            medians.add(median);
            System.out.printf("%-45s %6d %10.1f %8.1f %14.1f %14.1f%n", file.getFileName(), input.length / 1024, median,
                    millis.get((int) Math.ceil(millis.size() * 0.95) - 1), allocated, peak / 1048576.0);
        }
        Collections.sort(medians);
        System.out.printf("median of medians: %.1f ms; slowest file median: %.1f ms%n", medians.get(medians.size() / 2), medians.get(medians.size() - 1));
    }
}
