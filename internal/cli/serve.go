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
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/partnerdocs/partnerdocs/internal/build"
	"github.com/partnerdocs/partnerdocs/internal/diag"
	"github.com/partnerdocs/partnerdocs/internal/search"
	"github.com/partnerdocs/partnerdocs/internal/serve"
	"github.com/spf13/cobra"
)

func serveCmd(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	var bind string
	var port int
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Build the site and serve it on 127.0.0.1",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			tmp, err := os.MkdirTemp("", "partnerdocs-serve-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(tmp)
			f.dest = filepath.Join(tmp, "site")
			opts := f.options()
			opts.BaseURL = "/"
			res := build.Run(opts)
			_ = diag.WriteText(stderr, res.Diags.Items())
			if res.Err != nil {
				fmt.Fprintf(stderr, "partnerdocs: %v\n", res.Err)
			}
			if res.Outcome != build.OK {
				return exitError{int(res.Outcome)}
			}
			ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port)))
			if err != nil {
				fmt.Fprintf(stderr, "partnerdocs: cannot listen on %s:%d: %v\n", bind, port, err)
				fmt.Fprintf(stderr, "  another server may be using the port; try --port %d\n", port+1)
				return exitError{int(build.UsageErr)}
			}
			mux := http.NewServeMux()
			mux.Handle("/", serve.Static(res.Dest))
			names, latest := search.Order(res.Site)
			if searcher, err := search.Open(res.IndexDir, names); err == nil {
				defer searcher.Close()
				defaults := []string{latest}
				if res.Site.Portal != nil {
					defaults = append(defaults, "portal")
				}
				mux.Handle("/api/search", search.Handler(searcher, defaults))
			} else {
				fmt.Fprintf(stderr, "partnerdocs: search API unavailable: %v\n", err)
			}
			srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
			fmt.Fprintf(stdout, "Serving %d pages at http://%s/ (Ctrl-C to stop)\n", res.Files, ln.Addr())
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			go func() {
				<-ctx.Done()
				sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
				defer cancel()
				_ = srv.Shutdown(sctx)
			}()
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	f.register(cmd, false)
	cmd.Flags().StringVar(&bind, "bind", "127.0.0.1", "address to listen on")
	cmd.Flags().IntVar(&port, "port", 1313, "port to listen on")
	return cmd
}
