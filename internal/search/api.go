package search

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// Handler answers GET /api/search?q=&version=&kind=&program=&limit= with
// JSON results and facets. defaults are the index names searched when no
// version is given.
func Handler(s *Searcher, defaults []string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			writeErr(w, http.StatusMethodNotAllowed, "use GET")
			return
		}
		v := r.URL.Query()
		q := Query{Q: v.Get("q"), Kind: v.Get("kind"), Program: v.Get("program"), Versions: defaults, Facets: v.Get("facets") != "0"}
		if ver := v.Get("version"); ver != "" {
			q.Versions = strings.Split(ver, ",")
		}
		if l := v.Get("limit"); l != "" {
			n, err := strconv.Atoi(l)
			if err != nil || n < 1 {
				writeErr(w, http.StatusBadRequest, "limit must be a positive number")
				return
			}
			q.Limit = n
		}
		res, err := s.Search(q)
		if err != nil {
			writeErr(w, http.StatusBadRequest, err.Error())
			return
		}
		_ = json.NewEncoder(w).Encode(res)
	})
}

func writeErr(w http.ResponseWriter, code int, msg string) {
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
}
