package search

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// MaxQueryBytes is the longest query text accepted. Longer ones are
// refused with a message rather than cut: a pasted page is not a question.
const MaxQueryBytes = 2048

// apiParams are the parameters of /api/search; each may be given once.
var apiParams = []string{"q", "version", "kind", "program", "limit", "facets"}

// Answer runs the search a request asks for (GET
// /api/search?q=&version=&kind=&program=&limit=; defaults are the index
// names searched when no version is given) and returns the HTTP status
// and JSON body. It writes nothing, so a caller that shares the searcher
// can stop using it before the answer goes to a client that may read
// slowly. A client that goes away cancels the search (ctx). folder is
// where the index's pages are under the site ("de/" for another
// language; see Results.InFolder).
func Answer(ctx context.Context, s *Searcher, defaults []string, folder string, r *http.Request) (int, []byte) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return errBody(http.StatusMethodNotAllowed, "use GET")
	}
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return errBody(http.StatusBadRequest, "malformed query string: "+err.Error())
	}
	for _, p := range apiParams {
		if len(v[p]) > 1 {
			return errBody(http.StatusBadRequest, fmt.Sprintf("the parameter %q is given %d times; give it once", p, len(v[p])))
		}
	}
	q := Query{Q: v.Get("q"), Kind: v.Get("kind"), Program: v.Get("program"), Versions: defaults, Facets: v.Get("facets") != "0"}
	if len(q.Q) > MaxQueryBytes {
		return errBody(http.StatusBadRequest, fmt.Sprintf("the query is %d bytes long; at most %d are searched", len(q.Q), MaxQueryBytes))
	}
	if ver := v.Get("version"); ver != "" {
		q.Versions = strings.Split(ver, ",")
		if len(q.Versions) > 64 {
			return errBody(http.StatusBadRequest, "too many versions")
		}
	}
	if l := v.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			return errBody(http.StatusBadRequest, "limit must be a positive number")
		}
		q.Limit = n
	}
	res, err := s.SearchContext(ctx, q)
	if err != nil {
		if ctx.Err() != nil {
			return errBody(http.StatusServiceUnavailable, "the search was cancelled")
		}
		return errBody(http.StatusBadRequest, err.Error())
	}
	res.InFolder(folder)
	var buf bytes.Buffer
	_ = json.NewEncoder(&buf).Encode(res)
	return http.StatusOK, buf.Bytes()
}

// Write sends an answer of Answer.
func Write(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func errBody(code int, msg string) (int, []byte) {
	b, _ := json.Marshal(map[string]string{"error": msg})
	return code, append(b, '\n')
}
