package dev.warden.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A reference reverse proxy with no policy work (nginx) in front of the bench's upstream, so a run
 * shows what any extra HTTP hop costs on the same machine: pooled keep-alive connections upstream,
 * responses streamed unbuffered (the upstream answers with SSE), no access log.
 */
final class PlainProxy {
    private PlainProxy() {
    }

    /** Starts {@code nginx} (a binary name or path) on {@code port} and waits until it accepts connections. */
    static Process start(String nginx, Path dir, int port, int upstreamPort) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("tmp"));
        // workers may run as another user when started as root: they only need the temp directory
        Files.setPosixFilePermissions(dir.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
                daemon off;
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/tmp/body;
                  proxy_temp_path %1$s/tmp/proxy;
                  fastcgi_temp_path %1$s/tmp/fastcgi;
                  uwsgi_temp_path %1$s/tmp/uwsgi;
                  scgi_temp_path %1$s/tmp/scgi;
                  upstream mcp { server 127.0.0.1:%3$d; keepalive 64; }
                  server {
                    listen 127.0.0.1:%2$d backlog=1024;
                    location / {
                      proxy_pass http://mcp;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_buffering off;
                    }
                  }
                }
                """.formatted(dir.toAbsolutePath(), port, upstreamPort));
        Process p = new ProcessBuilder(nginx, "-p", dir.toAbsolutePath().toString(), "-c", conf.toAbsolutePath().toString(),
                "-e", dir.resolve("error.log").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException(nginx + " exited with " + p.exitValue() + ": " + Files.readString(dir.resolve("stdout.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        p.destroy();
        throw new IOException(nginx + " did not listen on port " + port + " within 10 s");
    }
}
