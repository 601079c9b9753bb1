package dev.irshell;

import dev.irshell.shell.Ansi;
import dev.irshell.shell.LaunchOptions;
import dev.irshell.shell.Prompt;
import dev.irshell.shell.Renderer;
import dev.irshell.shell.ShellState;
import dev.irshell.shell.Version;
import dev.irshell.shell.Workspace;
import jakarta.annotation.PreDestroy;
import org.jline.terminal.Terminal;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.shell.jline.PromptProvider;

/**
 * The interactive shell's Spring wiring. Only Spring Shell's own auto-configuration is imported and
 * only the shell's components are registered: no classpath scan of the whole application and no
 * evaluation of Boot's ~150 auto-configuration candidates, which were most of the time to the first
 * prompt (BENCHMARKS.md).
 */
@org.springframework.boot.SpringBootConfiguration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.ImportAutoConfiguration({
        org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration.class,
        org.springframework.shell.boot.ExitCodeAutoConfiguration.class,
        org.springframework.shell.boot.ShellContextAutoConfiguration.class,
        org.springframework.shell.boot.SpringShellAutoConfiguration.class,
        org.springframework.shell.boot.ShellRunnerAutoConfiguration.class,
        org.springframework.shell.boot.ApplicationRunnerAutoConfiguration.class,
        org.springframework.shell.boot.CommandCatalogAutoConfiguration.class,
        org.springframework.shell.boot.LineReaderAutoConfiguration.class,
        org.springframework.shell.boot.CompleterAutoConfiguration.class,
        org.springframework.shell.boot.UserConfigAutoConfiguration.class,
        org.springframework.shell.boot.JLineAutoConfiguration.class,
        org.springframework.shell.boot.JLineShellAutoConfiguration.class,
        org.springframework.shell.boot.ParameterResolverAutoConfiguration.class,
        org.springframework.shell.boot.StandardAPIAutoConfiguration.class,
        org.springframework.shell.boot.ThemingAutoConfiguration.class,
        org.springframework.shell.boot.StandardCommandsAutoConfiguration.class,
        org.springframework.shell.boot.ComponentFlowAutoConfiguration.class,
        org.springframework.shell.boot.TerminalUIAutoConfiguration.class})
@org.springframework.context.annotation.Import({dev.irshell.shell.SessionCommands.class,
        dev.irshell.shell.Completion.RunbookIds.class, dev.irshell.shell.Completion.StepIds.class,
        dev.irshell.shell.Completion.InputValues.class})
public class IrshellApplication {

    /**
     * Starts the interactive shell; returns when the operator exits. The workspace is registered as
     * a ready-made singleton, which Spring does not destroy, so it is closed here: a sandbox's HTTP
     * dispatcher is not a daemon thread and would keep the JVM alive after {@code exit}.
     */
    static void launch(LaunchOptions options, Workspace workspace) {
        try (workspace) {
            run(options, workspace).close();
        }
    }

    /**
     * Starts the shell while the workspace is still being made (a sandbox takes about a third of a
     * second to build its account and open its port): Spring starts meanwhile and waits for it only
     * where a bean first needs it. A failure to make it (a bad scenario file) comes out of this
     * method as the exception it was.
     */
    static void launch(LaunchOptions options, java.util.concurrent.CompletableFuture<Workspace> workspace) {
        try {
            run(options, () -> join(workspace)).close();
        } finally {
            if (workspace.isDone() && !workspace.isCompletedExceptionally()) {
                workspace.join().close();
            } else {
                workspace.thenAccept(Workspace::close);
            }
        }
    }

    private static Workspace join(java.util.concurrent.CompletableFuture<Workspace> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Runs the shell over {@code workspace} until its input ends or the operator exits; returns
     * the (still open) context. Extra initializers let tests put a scripted terminal in place.
     */
    @SafeVarargs
    public static ConfigurableApplicationContext run(LaunchOptions options, Workspace workspace,
                                                     ApplicationContextInitializer<ConfigurableApplicationContext>... extra) {
        return run(options, () -> workspace, extra);
    }

    @SafeVarargs
    static ConfigurableApplicationContext run(LaunchOptions options, java.util.function.Supplier<Workspace> workspace,
                                              ApplicationContextInitializer<ConfigurableApplicationContext>... extra) {
        // logging is set up once, by dev.irshell.LogConfiguration; Boot would set it up again from XML
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        SpringApplication app = new SpringApplication(IrshellApplication.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setDefaultProperties(defaults());
        app.addInitializers(ctx -> {
            ctx.getBeanFactory().registerSingleton("launchOptions", options);
            ((org.springframework.context.support.GenericApplicationContext) ctx).registerBean("workspace", Workspace.class,
                    workspace, bd -> {
                        bd.setLazyInit(true);
                        // closed by launch(), not by Spring: tests keep using it after the context closes
                        bd.setDestroyMethodName(null);
                    });
        });
        app.addInitializers(extra);
        return app.run();
    }

    static Map<String, Object> defaults() {
        Path home = Path.of(System.getProperty("user.home"), ".irshell");
        return Map.of(
                // beans are made when first needed: measured ~0.2 s sooner to the prompt (BENCHMARKS.md)
                "spring.main.lazy-initialization", "true",
                "spring.shell.interactive.enabled", "true",
                "spring.shell.history.name", home.resolve("history").toString(),
                "spring.shell.command.script.enabled", "false",
                "spring.shell.command.completion.enabled", "false");
    }

    @Bean
    Renderer renderer(LaunchOptions options) {
        String term = System.getenv("TERM");
        return new Renderer(new Ansi(options.color() && !"dumb".equals(term)));
    }

    @Bean
    ShellState shellState(Workspace workspace) {
        return new ShellState(workspace);
    }

    /**
     * The prompt ({@link Prompt}). On a live account its first drawing starts fetching the account's
     * id and alias in the background; it never waits for them.
     */
    @Bean
    PromptProvider promptProvider(ShellState state, Workspace workspace) {
        return () -> {
            Optional<String> account = workspace.sandbox().isPresent() ? Optional.empty()
                    : workspace.accountLabel().current();
            return new AttributedString(Prompt.text(workspace, account, state.session()),
                    AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN));
        };
    }

    /**
     * Redraws the prompt on screen when the account label arrives while the operator is at it, so
     * the id and alias appear without waiting for the next command. Best effort: when the reader
     * is between lines, or the terminal is dumb (a pipe, where a redraw prints the prompt again), the
     * next prompt shows them anyway.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    ApplicationRunner promptRefresher(Workspace workspace, ObjectProvider<LineReader> readers, PromptProvider prompt) {
        return args -> workspace.accountLabel().onChange(() -> {
            try {
                if (readers.getIfAvailable() instanceof LineReaderImpl reader && reader.isReading()
                        && !reader.getTerminal().getType().startsWith(Terminal.TYPE_DUMB)) {
                    reader.setPrompt(prompt.getPrompt().toAnsi(reader.getTerminal()));
                    reader.callWidget(LineReader.REDRAW_LINE);
                    reader.callWidget(LineReader.REDISPLAY);
                }
            } catch (IllegalStateException e) {
                // the line was accepted meanwhile: the next prompt carries the label
            }
        });
    }

    /** Prints the banner before the prompt appears. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ApplicationRunner banner(Terminal terminal, Renderer renderer, Workspace workspace) {
        return args -> {
            terminal.writer().println(renderer.banner(workspace));
            terminal.writer().flush();
        };
    }

    /** {@code irshell resume FILE}: the cut-off session is resumed once the banner is out. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    ApplicationRunner resumeOnStart(Terminal terminal, Workspace workspace, dev.irshell.shell.SessionCommands commands) {
        return args -> workspace.resumeOnStart().ifPresent(file -> {
            terminal.writer().println(commands.resume(file.toString()));
            terminal.writer().flush();
        });
    }

    /** Eager even under lazy initialization: a bean never made is never destroyed, and would seal nothing. */
    @Bean
    @Lazy(false)
    SessionCloser sessionCloser(org.springframework.beans.factory.ObjectProvider<ShellState> state) {
        return new SessionCloser(state);
    }

    /** Seals a session still open when the shell exits normally. */
    static final class SessionCloser {
        /** A provider, so that making this bean early does not wait for the workspace. */
        private final org.springframework.beans.factory.ObjectProvider<ShellState> state;

        SessionCloser(org.springframework.beans.factory.ObjectProvider<ShellState> state) {
            this.state = state;
        }

        @PreDestroy
        void close() {
            ShellState s = state.getIfAvailable();
            String digest = s == null ? null : s.endSession();
            if (digest != null) {
                System.out.println("session sealed on exit; final digest " + digest);
            }
        }
    }

    static String version() {
        return Version.get();
    }
}
