package serve

import (
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// Limits of the preview's HTTP server. A request must arrive whole within
// the read timeout and its answer be taken within the write timeout, so a
// client that stalls holds a connection for a bounded time and nothing
// else; the event stream sets its own deadline per event.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 60 * time.Second
	maxHeaderBytes    = 64 << 10
)

// HTTPServer returns the server for the preview listening on bind (the
// --bind address), with its timeouts and the Host check of HostGuard.
func (s *Server) HTTPServer(bind string) *http.Server {
	return &http.Server{
		Handler:           HostGuard(bind, s.Handler()),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
	}
}

// HostGuard answers 403 to a request whose Host header names anything but
// this machine as the preview is bound. A web page on another site can
// make a browser send requests to 127.0.0.1 under a name of its own that
// resolves there (DNS rebinding) and read the answers, drafts and
// internal pages included; such requests carry that other name. Accepted:
// localhost and its subdomains, loopback addresses, and the --bind
// address; with a wildcard bind (0.0.0.0, ::), any IP address and this
// machine's host name, since the preview was then opened to the network
// on purpose.
func HostGuard(bind string, next http.Handler) http.Handler {
	hostname, _ := os.Hostname()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowedHost(r.Host, bind, hostname) {
			http.Error(w, "this preview answers only to localhost and its --bind address, not to "+r.Host, http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func allowedHost(hostport, bind, hostname string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "" {
		return false
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	if ip != nil && ip.IsLoopback() {
		return true
	}
	b := strings.ToLower(strings.Trim(bind, "[]"))
	if host == b {
		return true
	}
	if bip := net.ParseIP(b); bip != nil && bip.IsUnspecified() {
		return ip != nil || (hostname != "" && host == strings.ToLower(hostname))
	}
	return false
}
