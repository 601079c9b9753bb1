package dev.irshell;

import dev.irshell.shell.Ansi;
import dev.irshell.shell.Completion;
import dev.irshell.shell.Home;
import dev.irshell.shell.LaunchOptions;
import dev.irshell.shell.Prompt;
import dev.irshell.shell.Renderer;
import dev.irshell.shell.SessionCommands;
import dev.irshell.shell.ShellState;
import dev.irshell.shell.Version;
import dev.irshell.shell.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.messaging.handler.annotation.support.HeadersMethodArgumentResolver;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.ResultHandler;
import org.springframework.shell.Shell;
import org.springframework.shell.command.ArgumentHeaderMethodArgumentResolver;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandContextMethodArgumentResolver;
import org.springframework.shell.command.CommandExecution;
import org.springframework.shell.command.CommandParserExceptionResolver;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.command.annotation.support.OptionMethodArgumentResolver;
import org.springframework.shell.completion.RegistrationOptionsCompletionResolver;
import org.springframework.shell.context.DefaultShellContext;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.jline.ExtendedDefaultParser;
import org.springframework.shell.jline.InteractiveShellRunner;
import org.springframework.shell.jline.PromptProvider;
import org.springframework.shell.result.AttributedCharSequenceResultHandler;
import org.springframework.shell.result.CommandNotFoundResultHandler;
import org.springframework.shell.result.DefaultResultHandler;
import org.springframework.shell.result.GenericResultHandlerService;
import org.springframework.shell.result.ParameterValidationExceptionResultHandler;
import org.springframework.shell.result.TerminalSizeAwareResultHandler;
import org.springframework.shell.result.ThrowableResultHandler;
import org.springframework.shell.standard.ShellOptionMethodArgumentResolver;
import org.springframework.shell.standard.StandardMethodTargetRegistrar;
import org.springframework.shell.standard.commands.Clear;
import org.springframework.shell.standard.commands.Help;
import org.springframework.shell.standard.commands.Quit;
import org.springframework.shell.standard.commands.Stacktrace;
import org.springframework.shell.style.TemplateExecutor;
import org.springframework.shell.style.Theme;
import org.springframework.shell.style.ThemeRegistry;
import org.springframework.shell.style.ThemeResolver;
import org.springframework.shell.style.ThemeSettings;

/**
 * The interactive shell: Spring Shell's own parts (its {@link Shell}, command catalogue, option
 * parsing and completion, result handlers, JLine reader and the built-in help, clear, history,
 * stacktrace and quit commands) wired by hand in a plain Spring application context.
 *
 * <p>Why by hand: Spring Boot's start-up (environment and property binding, auto-configuration
 * conditions, configuration-class proxies) was most of the time to the first prompt, about 0.5 s
 * of 0.8 s on the 2-core benchmark machine (BENCHMARKS.md). Every bean below is made by a supplier
 * in the order it is needed; nothing is scanned, proxied or bound from properties.
 *
 * <p>What Spring Shell's Boot auto-configuration did that this keeps: the same parser settings,
 * history file and highlighting of known commands, {@code --help}/{@code -h} on every command,
 * the theme and templates of {@code help}, and the same result handlers. What it drops: the
 * script and completion-script commands (off before too), Spring Shell's {@code version} (it printed
 * an empty line without Boot's build information; irshell has its own) and the non-interactive
 * runner (one-shot commands never reach Spring: see {@link Main}).
 */
public final class IrshellApplication {
    private IrshellApplication() {}

    /**
     * Starts the interactive shell on a workspace already made; returns when the operator exits.
     * The workspace is registered as a ready-made object Spring does not destroy, so it is closed
     * here: a sandbox's HTTP dispatcher is not a daemon thread and would keep the JVM alive after
     * {@code exit}.
     */
    static void launch(LaunchOptions options, Workspace workspace) {
        launch(options, WorkspaceMaker.ready(workspace));
    }

    /**
     * Starts the shell while its workspace is made on another thread (see {@link WorkspaceMaker});
     * returns when the operator exits. A failure to make the workspace (a bad scenario file) comes
     * out of this method as the exception it was.
     *
     * <p>The terminal is opened on its own thread from the start too: JLine loads its native
     * library and asks {@code infocmp} for the terminal's capabilities, some 0.1 s mostly spent
     * waiting, which overlaps with the making of the shell's parts.
     */
    static void launch(LaunchOptions options, WorkspaceMaker workspace) {
        CompletableFuture<Terminal> opening = inBackground("irshell-terminal", () -> terminal(SYSTEM_TERMINAL));
        AtomicBoolean used = new AtomicBoolean();
        try {
            run(options, workspace, () -> {
                used.set(true);
                return join(opening);
            }).close();
        } finally {
            workspace.close();
            if (!used.get()) {
                // the shell stopped before it took the terminal: give the operator's terminal back as it was
                opening.thenAccept(t -> {
                    try {
                        t.close();
                    } catch (IOException e) {
                        // nothing more to restore
                    }
                });
            }
        }
    }

    private static <T> CompletableFuture<T> inBackground(String name, Supplier<T> work) {
        return new CompletableFuture<T>().completeAsync(work, daemon(name));
    }

    /** Runs each task on a daemon thread of its own, named {@code name}. */
    private static java.util.concurrent.Executor daemon(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        };
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * The shell's workspace, made on its own thread. Made at once, or, for a built-in sandbox
     * scenario on a real terminal, once the first prompt is drawn: building the simulated account
     * and its history is about a quarter of a second of CPU that otherwise competes with the
     * shell's own start on a 2-core machine, and it ends before a command can be typed. Whatever
     * needs the workspace first (a command, a completion) starts it if need be and waits for it.
     */
    public static final class WorkspaceMaker {
        private final Supplier<Workspace> make;
        private final String builtinScenario;
        private final CompletableFuture<Workspace> made = new CompletableFuture<>();
        private final AtomicBoolean started = new AtomicBoolean();

        /**
         * @param builtinScenario the built-in scenario the workspace is a sandbox of (its name is all
         *                        the prompt needs, and it cannot fail to load), or null
         */
        public WorkspaceMaker(Supplier<Workspace> make, String builtinScenario) {
            this.make = make;
            this.builtinScenario = builtinScenario;
        }

        static WorkspaceMaker ready(Workspace ws) {
            WorkspaceMaker m = new WorkspaceMaker(() -> ws, null);
            m.started.set(true);
            m.made.complete(ws);
            return m;
        }

        /** Starts making the workspace, once. */
        void start() {
            if (started.compareAndSet(false, true)) {
                made.completeAsync(make, daemon("irshell-workspace"));
            }
        }

        /** The workspace, started and waited for if need be. */
        Workspace get() {
            start();
            return join(made);
        }

        Optional<Workspace> ifReady() {
            return made.isDone() && !made.isCompletedExceptionally() ? Optional.of(made.join()) : Optional.empty();
        }

        /** Closes the workspace, now or when it is made. */
        void close() {
            made.thenAccept(Workspace::close);
        }
    }

    /**
     * Runs the shell over {@code workspace} until its input ends or the operator exits; returns
     * the (still open) context. {@code terminal} sets up the terminal before it is built: a test
     * gives it scripted streams instead of the system's.
     */
    public static ConfigurableApplicationContext run(LaunchOptions options, Workspace workspace, Consumer<TerminalBuilder> terminal) {
        return run(options, WorkspaceMaker.ready(workspace), () -> terminal(terminal));
    }

    /** As {@link #run(LaunchOptions, Workspace, Consumer)}, on a workspace still to be made. */
    public static ConfigurableApplicationContext run(LaunchOptions options, WorkspaceMaker workspace, Consumer<TerminalBuilder> terminal) {
        return run(options, workspace, () -> terminal(terminal));
    }

    /** The operator's terminal: JLine's system terminal, writing to standard output. */
    private static final Consumer<TerminalBuilder> SYSTEM_TERMINAL = b -> b.systemOutput(TerminalBuilder.SystemOutput.SysOut)
            // input or output not a terminal (a pipe): a dumb terminal, without JLine's warning that it made one
            .dumb(true);

    private static ConfigurableApplicationContext run(LaunchOptions options, WorkspaceMaker workspace, Supplier<Terminal> terminal) {
        GenericApplicationContext ctx = new GenericApplicationContext();
        try {
            Terminal screen = terminal.get();
            // on a pipe or a dumb terminal the output is read in order: the banner waits for the workspace
            boolean afterPrompt = workspace.builtinScenario != null && !screen.getType().startsWith(Terminal.TYPE_DUMB);
            if (!afterPrompt) {
                workspace.start();
            }
            wire(ctx, options, workspace, screen);
            ctx.refresh();
            // a JVM stopped by a signal still closes the context, which seals an open session
            ctx.registerShutdownHook();
            Renderer render = ctx.getBean(Renderer.class);
            ObjectProvider<LineReader> readers = ctx.getBeanProvider(LineReader.class);
            PromptProvider prompt = ctx.getBean(PromptProvider.class);
            if (afterPrompt) {
                screen.writer().println(render.bannerStarting(workspace.builtinScenario));
                workspace.made.whenComplete((ws, e) -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    String news = e == null ? render.sandbox(ws.sandbox().orElseThrow())
                            : render.ansi().boldRed("the simulated account could not start: " + cause.getMessage());
                    readers.getObject().printAbove(news);
                    if (e == null) {
                        watchRetries(ws, readers, render, screen);
                        refreshPromptOnLabel(ws, readers, prompt);
                        ws.warmUp();
                    }
                });
            } else {
                Workspace ws = workspace.get();
                screen.writer().println(render.banner(ws));
                watchRetries(ws, readers, render, screen);
                refreshPromptOnLabel(ws, readers, prompt);
                ws.resumeOnStart().ifPresent(file -> screen.writer().println(ctx.getBean(SessionCommands.class).resume(file.toString())));
            }
            screen.writer().flush();
            ctx.getBean(InteractiveShellRunner.class).run(new String[0]);
            return ctx;
        } catch (Exception e) {
            ctx.close();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the shell stopped: " + e.getMessage(), e);
        }
    }

    /**
     * Shows each retry that makes the operator wait as a line above the prompt (or above the
     * output of the running command), so a slow step says why it is slow. On a terminal that
     * can redraw, the progress line a sweep may be drawing is cleared first.
     */
    private static void watchRetries(Workspace ws, ObjectProvider<LineReader> readers, Renderer render, Terminal screen) {
        String clear = screen.getType().startsWith(Terminal.TYPE_DUMB) ? "" : "\r\u001b[2K";
        ws.relay().watchRetries(n -> {
            // the label's background call may still be retrying while the shell closes
            LineReader reader = readers.getIfAvailable();
            if (reader != null) {
                reader.printAbove(clear + render.ansi().yellow(" ~ " + n.describe()));
            }
        });
    }

    /** Registers the shell's parts; each is made on first use, in dependency order. */
    private static void wire(GenericApplicationContext ctx, LaunchOptions options, WorkspaceMaker workspace, Terminal terminal) {
        ctx.setAllowBeanDefinitionOverriding(false);
        // the workspace is made by the caller and closed by launch(), not by Spring: tests keep using it
        ctx.registerBean("workspace", Workspace.class, workspace::get, bd -> {
            bd.setLazyInit(true);
            bd.setDestroyMethodName(null);
        });
        ctx.registerBean(LaunchOptions.class, () -> options);
        // a dumb terminal (input or output a pipe, TERM=dumb) gets no colour: its escapes would litter a log
        ctx.registerBean(Renderer.class, () -> new Renderer(new Ansi(options.color() && !"dumb".equals(System.getenv("TERM"))
                && !Terminal.TYPE_DUMB.equals(terminal.getType()))));
        ctx.registerBean(ShellState.class, () -> new ShellState(workspace::get));

        ctx.registerBean("terminal", Terminal.class, () -> terminal, bd -> bd.setDestroyMethodName("close"));
        ctx.registerBean(ShellContext.class, () -> new DefaultShellContext(hasPty(ctx.getBean(Terminal.class))));
        ctx.registerBean(ConversionService.class, () -> new DefaultConversionService());

        // the shell's own commands and the value providers their options complete from
        ctx.registerBean(Completion.RunbookIds.class, () -> new Completion.RunbookIds(ctx.getBean(ShellState.class)));
        ctx.registerBean(Completion.StepIds.class, () -> new Completion.StepIds(ctx.getBean(ShellState.class)));
        ctx.registerBean(Completion.InputValues.class, () -> new Completion.InputValues(ctx.getBean(ShellState.class)));
        ctx.registerBean(SessionCommands.class, () -> new SessionCommands(ctx.getBean(ShellState.class),
                ctx.getBean(Renderer.class), () -> ctx.getBean(LineReader.class)));

        // Spring Shell's built-in commands, as its StandardCommandsAutoConfiguration makes them
        ctx.registerBean(ThemeResolver.class, () -> {
            ThemeRegistry themes = new ThemeRegistry();
            themes.register(Theme.of("default", ThemeSettings.defaults()));
            themes.register(Theme.of("dump", ThemeSettings.dump()));
            // options.color() is off under --no-color and NO_COLOR (ArgParser)
            return new ThemeResolver(themes, options.color() ? "default" : "dump");
        });
        ctx.registerBean(TemplateExecutor.class, () -> new TemplateExecutor(ctx.getBean(ThemeResolver.class)));
        ctx.registerBean(Help.class, () -> {
            Help help = new Help(ctx.getBean(TemplateExecutor.class));
            help.setCommandTemplate("classpath:template/help-command-default.stg");
            help.setCommandsTemplate("classpath:template/help-commands-default.stg");
            return help;
        });
        ctx.registerBean(Clear.class, () -> new Clear());
        ctx.registerBean(Quit.class, () -> new Quit());
        ctx.registerBean(Stacktrace.class, () -> new Stacktrace(ctx.getBeanProvider(ThrowableResultHandler.class)));
        ctx.registerBean(History.class, () -> new DefaultHistory());
        ctx.registerBean(org.springframework.shell.standard.commands.History.class,
                () -> new org.springframework.shell.standard.commands.History(ctx.getBean(History.class)));

        ctx.registerBean(CommandCatalog.class, () -> {
            CommandCatalog catalog = CommandCatalog.of(List.of(), ctx.getBean(ShellContext.class));
            // every @ShellComponent above; each command gets --help and -h, as Spring Shell's defaults give
            new StandardMethodTargetRegistrar(ctx, () -> {
                CommandRegistration.Builder b = CommandRegistration.builder();
                b.withHelpOptions().enabled(true).longNames("help").shortNames('h').command("help");
                return b;
            }).register(catalog);
            return catalog;
        });

        ctx.registerBean(ThrowableResultHandler.class, () -> new ThrowableResultHandler(ctx.getBean(Terminal.class),
                ctx.getBean(CommandCatalog.class), ctx.getBean(ShellContext.class), ctx.getBeanProvider(InteractiveShellRunner.class)));
        ctx.registerBean(Shell.class, () -> {
            Terminal t = ctx.getBean(Terminal.class);
            GenericResultHandlerService results = new GenericResultHandlerService();
            for (ResultHandler<?> h : List.<ResultHandler<?>>of(new TerminalSizeAwareResultHandler(t),
                    new AttributedCharSequenceResultHandler(t), new DefaultResultHandler(t),
                    new ParameterValidationExceptionResultHandler(t), ctx.getBean(ThrowableResultHandler.class),
                    new CommandNotFoundResultHandler(t, ctx.getBeanProvider(
                            org.springframework.shell.result.CommandNotFoundMessageProvider.class)))) {
                results.addResultHandler(h);
            }
            // exit-code mappings matter only to the non-interactive runner, which irshell does not use
            Shell shell = new Shell(results, ctx.getBean(CommandCatalog.class), t, ctx.getBean(ShellContext.class), fns -> { });
            ConversionService conversions = ctx.getBean(ConversionService.class);
            shell.setConversionService(conversions);
            shell.setCompletionResolvers(List.of(new RegistrationOptionsCompletionResolver()));
            shell.setExceptionResolvers(List.of(new CommandParserExceptionResolver()));
            shell.setArgumentResolvers(new CommandExecution.CommandExecutionHandlerMethodArgumentResolvers(List.of(
                    new ArgumentHeaderMethodArgumentResolver(conversions, null), new HeadersMethodArgumentResolver(),
                    new CommandContextMethodArgumentResolver(), new ShellOptionMethodArgumentResolver(conversions, null),
                    new OptionMethodArgumentResolver(conversions, null))));
            return shell;
        });

        ctx.registerBean(PromptProvider.class, () -> prompt(ctx.getBean(ShellState.class), workspace, options));
        ctx.registerBean(LineReader.class, () -> lineReader(ctx, options), bd -> bd.setDestroyMethodName(null));
        ctx.registerBean(InteractiveShellRunner.class, () -> new InteractiveShellRunner(ctx.getBean(LineReader.class),
                ctx.getBean(PromptProvider.class), ctx.getBean(Shell.class), ctx.getBean(ShellContext.class)));

        // Eager: made at refresh, so that closing the context (exit, end of input, a signal) seals an open session
        ctx.registerBean(SessionCloser.class, () -> new SessionCloser(ctx.getBeanProvider(ShellState.class)),
                bd -> bd.setDestroyMethodName("close"));
    }

    private static Terminal terminal(Consumer<TerminalBuilder> setup) {
        try {
            TerminalBuilder b = TerminalBuilder.builder();
            setup.accept(b);
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the terminal: " + e.getMessage(), e);
        }
    }

    private static boolean hasPty(Terminal t) {
        return t instanceof org.jline.terminal.spi.TerminalExt ext && ext.getSystemStream() != null;
    }

    /**
     * The line reader as Spring Shell configures it: its parser, completion from the shell's
     * catalogue and value providers, known commands in bold and unknown ones in red, Tab completing
     * on an empty line, and the history kept in the irshell folder ({@link Home}).
     */
    private static LineReader lineReader(GenericApplicationContext ctx, LaunchOptions options) {
        ExtendedDefaultParser parser = new ExtendedDefaultParser();
        parser.setEofOnUnclosedQuote(true);
        parser.setEofOnEscapedNewLine(true);
        CommandCatalog catalog = ctx.getBean(CommandCatalog.class);
        History history = ctx.getBean(History.class);
        LineReader reader = LineReaderBuilder.builder()
                .terminal(ctx.getBean(Terminal.class))
                .appName("irshell")
                .completer((r, line, candidates) -> {
                    org.springframework.shell.CompletingParsedLine cpl = line instanceof org.springframework.shell.CompletingParsedLine c
                            ? c : s -> s;
                    CompletionContext context = new CompletionContext(line.words().stream()
                            .map(w -> w.replaceAll("^\\n+|\\n+$", "").replaceAll("\\n+", " ")).toList(),
                            line.wordIndex(), line.wordCursor(), null, null);
                    for (CompletionProposal p : ctx.getBean(Shell.class).complete(context)) {
                        candidates.add(new org.jline.reader.Candidate(p.dontQuote() ? p.value() : cpl.emit(p.value()).toString(),
                                p.displayText(), p.category(), p.description(), null, null, p.complete()));
                    }
                })
                .history(history)
                .highlighter(new CommandHighlighter(catalog))
                .parser(parser)
                .variable(LineReader.HISTORY_FILE, Home.of(System.getenv()).resolve("history"))
                .build();
        reader.unsetOpt(LineReader.Option.INSERT_TAB);
        history.attach(reader);
        return reader;
    }

    /** Known commands in bold, anything else in red, as Spring Shell's reader draws them. */
    private record CommandHighlighter(CommandCatalog catalog) implements org.jline.reader.Highlighter {
        @Override
        public AttributedString highlight(LineReader reader, String buffer) {
            String best = null;
            for (String command : catalog.getRegistrations().keySet()) {
                if (buffer.startsWith(command) && (best == null || command.length() > best.length())) {
                    best = command;
                }
            }
            if (best == null) {
                return new AttributedString(buffer, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED));
            }
            return new org.jline.utils.AttributedStringBuilder(buffer.length()).append(best, AttributedStyle.BOLD)
                    .append(buffer.substring(best.length())).toAttributedString();
        }

        @Override
        public void setErrorPattern(java.util.regex.Pattern errorPattern) {
            // no error highlighting: unknown commands are already red
        }

        @Override
        public void setErrorIndex(int errorIndex) {
            // as above
        }
    }

    /**
     * The prompt ({@link Prompt}). On a live account its first drawing starts fetching the account's
     * id and alias in the background; it never waits for them.
     */
    private static PromptProvider prompt(ShellState state, WorkspaceMaker maker, LaunchOptions options) {
        return () -> {
            Optional<Workspace> ready = maker.ifReady();
            String text;
            if (ready.isEmpty() && maker.builtinScenario != null) {
                // the first prompt is being drawn: the simulated account may start now
                maker.start();
                text = Prompt.starting(maker.builtinScenario, options);
            } else {
                Workspace workspace = state.workspace();
                Optional<String> account = workspace.sandbox().isPresent() ? Optional.empty()
                        : workspace.accountLabel().current();
                text = Prompt.text(workspace, account, state.session());
            }
            return new AttributedString(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN));
        };
    }

    /**
     * Redraws the prompt on screen when the account label arrives while the operator is at it, so
     * the id and alias appear without waiting for the next command. Best effort: when the reader
     * is between lines, or the terminal is dumb (a pipe, where a redraw prints the prompt again), the
     * next prompt shows them anyway.
     */
    private static void refreshPromptOnLabel(Workspace workspace, ObjectProvider<LineReader> readers, PromptProvider prompt) {
        workspace.accountLabel().onChange(() -> {
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

    /** Seals a session still open when the shell closes. */
    static final class SessionCloser {
        /** A provider, so that making this bean early does not wait for the workspace. */
        private final ObjectProvider<ShellState> state;

        SessionCloser(ObjectProvider<ShellState> state) {
            this.state = state;
        }

        public void close() {
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
