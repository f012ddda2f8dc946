// Starts DynamoDB Local listening on 127.0.0.1 only, and ends it when the
// process that started it goes away.
//
// DynamoDB Local has no option for the listen address (its -help lists only
// -cors, -dbPath, -delayTransientStatuses, -disableTelemetry, -inMemory,
// -optimizeDbBeforeStartup, -port, -sharedDb), and its Jetty server binds every
// interface. Nothing checks credentials, so anyone on the network could read
// and write the tables. This launcher builds the server the way the jar's own
// main class does (ServerRunner.createServerFromCommandLineArgs, same
// arguments), sets the host of its Jetty connector before starting it, and
// never configures telemetry (the engine must work offline anyway).
//
// Its standard input is a pipe from appsync-local: end of input means our
// parent died (however: SIGKILL included), so the engine stops too.
//
// Exit codes appsync-local reads: 3 = the port could not be bound, 78 = the
// jar's internals are not what this file expects (then appsync-local runs
// the jar itself and warns that the engine listens on every interface).
import java.lang.reflect.Field;
import java.net.InetAddress;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Server;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public final class LoopbackLauncher {
  static final String HOST = "127.0.0.1";

  public static void main(String[] args) throws Exception {
    watchParent();
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Server jetty;
    try {
      Field f = DynamoDBProxyServer.class.getDeclaredField("server");
      f.setAccessible(true);
      jetty = (Server) f.get(proxy);
      int bound = 0;
      for (Connector c : jetty.getConnectors()) {
        if (c instanceof AbstractNetworkConnector) {
          ((AbstractNetworkConnector) c).setHost(HOST);
          bound++;
        }
      }
      if (bound == 0) throw new IllegalStateException("no network connector");
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      System.err.println("appsync-local launcher: cannot set the engine's listen address: " + e);
      System.exit(78);
      return;
    }
    proxy.start();
    // DynamoDBProxyServer.start prints "Could not start server on port ..." and
    // stops Jetty when the bind fails, but returns normally.
    if (!jetty.isStarted()) System.exit(3);
    System.out.println("Listening on " + InetAddress.getByName(HOST).getHostAddress());
  }

  /** Exits once standard input ends: the only writer is the parent process. */
  private static void watchParent() {
    Thread t =
        new Thread(
            () -> {
              try {
                byte[] buf = new byte[64];
                while (System.in.read(buf) >= 0) {
                  // nothing is ever sent; reading only waits for the end
                }
              } catch (Exception ignored) {
                // a broken pipe means the same as the end of input
              }
              // A shutdown hook that hangs must not keep the engine alive.
              Thread halt =
                  new Thread(
                      () -> {
                        try {
                          Thread.sleep(3000);
                        } catch (InterruptedException ignored) {
                          // exiting anyway
                        }
                        Runtime.getRuntime().halt(0);
                      });
              halt.setDaemon(true);
              halt.start();
              System.exit(0);
            },
            "parent-watch");
    t.setDaemon(true);
    t.start();
  }
}
