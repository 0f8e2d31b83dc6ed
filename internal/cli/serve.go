package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/build"
	"github.com/partnerdocs/partnerdocs/internal/config"
	"github.com/partnerdocs/partnerdocs/internal/serve"
	"github.com/spf13/cobra"
)

func serveCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	var bind string
	var port int
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Build the site, serve it on 127.0.0.1, and rebuild and reload on every change",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := f.options()
			// The build's memory budget is sized to one build's peak; the
			// server keeps every page's scan, render and text on top, so
			// under it the collector ran without pause (a fifth of the
			// CPU, and one-page rebuilds at 10,000 pages three times as
			// slow). The server collects by GOGC 70 instead (see Run).
			opts.Loaded = nil
			opts.Dest = ""
			srv := serve.New(opts, stderr)
			defer srv.Close()
			res := srv.Rebuild(false)
			if res.Outcome == build.UsageErr {
				// Nothing to serve without a readable configuration.
				return exitError{int(build.UsageErr)}
			}
			ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
			if err != nil {
				fmt.Fprintf(stderr, "partnerdocs: cannot listen on %s:%d: %v\n", bind, port, err)
				fmt.Fprintf(stderr, "  another server may be using the port; try --port %d\n", port+1)
				return exitError{int(build.UsageErr)}
			}
			if err := serveUntilStopped(srv, res, f.source, bind, ln, stdout, stderr); err != nil {
				return err
			}
			fmt.Fprintln(stdout, "stopped")
			return nil
		},
	}
	sourceFlag(cmd, &f.source)
	audienceFlag(cmd, &f.audience)
	cmd.Flags().BoolVar(&f.drafts, "drafts", false, "include draft pages")
	cmd.Flags().StringVar(&bind, "bind", "127.0.0.1", "address to listen on")
	cmd.Flags().IntVar(&port, "port", 1313, "port to listen on")
	return cmd
}

// serveUntilStopped watches the site and serves it on ln until Ctrl-C or
// SIGTERM. "Serving" is said once the watcher runs: an edit made after
// the line is printed is seen (tests and scripts wait for it).
func serveUntilStopped(srv *serve.Server, res *build.Result, source, bind string, ln net.Listener, stdout, stderr io.Writer) error {
	hs := srv.HTTPServer(bind)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := source
	if res.Site != nil {
		root = res.Site.Config.Root
	}
	watching := make(chan struct{})
	var once sync.Once
	ready := func() { once.Do(func() { close(watching) }) }
	go func() {
		if err := srv.Watch(ctx, root, ready); err != nil {
			fmt.Fprintf(stderr, "partnerdocs: watching %s: %v\n", root, err)
		}
		ready()
	}()
	<-watching
	fmt.Fprintf(stdout, "Serving %s at http://%s/ (watching for changes; Ctrl-C to stop)\n", siteTitle(res), ln.Addr())
	go func() {
		<-ctx.Done()
		srv.Close() // ends the event streams, which would hold Shutdown
		sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func siteTitle(res *build.Result) string {
	if res.Site != nil {
		return res.Site.Config.Title
	}
	return config.FileName
}
