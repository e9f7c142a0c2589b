import io.javalin.Javalin;
import java.util.Map;

/**
 * The benchmark's yardstick: a bare Javalin app that does only a map lookup and a 302. Run with the
 * redirector's shaded jar on the class path (it carries Javalin):
 * {@code java -cp redirector/target/redirector.jar bench/Baseline.java <port> <token> <destination>}.
 */
public class Baseline {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Map<String, String> links = Map.of(args[1], args[2]);
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/cv/{token}", ctx -> {
                String destination = links.get(ctx.pathParam("token"));
                if (destination == null) {
                    ctx.status(404);
                } else {
                    ctx.status(302).header("Location", destination);
                }
            });
        }).start("127.0.0.1", port);
    }
}
