package load

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// httpClient speaks the Todo-Backend JSON with net/http, keeping one
// connection per concurrent client alive.
type httpClient struct {
	base   string
	client *http.Client
}

func newHTTPClient(addr string, clients int) *httpClient {
	transport := &http.Transport{
		MaxIdleConns:        clients,
		MaxIdleConnsPerHost: clients, // the default, 2, would open and close connections all the time
		IdleConnTimeout:     time.Minute,
	}
	return &httpClient{base: "http://" + addr + "/todos", client: &http.Client{Transport: transport}}
}

func (c *httpClient) close() { c.client.CloseIdleConnections() }

// do sends a request and checks the status; v, if not nil, gets the JSON
// body.
func (c *httpClient) do(ctx context.Context, method, url string, body []byte, want int, v any) error {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
		return fmt.Errorf("%s %s answered %s: %s", method, url, resp.Status, bytes.TrimSpace(raw))
	}
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			return fmt.Errorf("%s %s: decode: %w", method, url, err)
		}
	}
	io.Copy(io.Discard, resp.Body) // the connection goes back to the pool only when the body is read
	return nil
}

// idJSON is the one field of a todo the load tool reads.
type idJSON struct {
	ID int64 `json:"id"`
}

func (c *httpClient) create(ctx context.Context, title string, order int64) (int64, error) {
	body, _ := json.Marshal(map[string]any{"title": title, "order": order})
	var t idJSON
	err := c.do(ctx, http.MethodPost, c.base, body, http.StatusCreated, &t)
	return t.ID, err
}

func (c *httpClient) get(ctx context.Context, id int64) error {
	var t idJSON
	if err := c.do(ctx, http.MethodGet, c.item(id), nil, http.StatusOK, &t); err != nil {
		return err
	}
	if t.ID != id {
		return fmt.Errorf("GET %s answered todo %d", c.item(id), t.ID)
	}
	return nil
}

func (c *httpClient) list(ctx context.Context) (int, error) {
	var todos []idJSON
	err := c.do(ctx, http.MethodGet, c.base, nil, http.StatusOK, &todos)
	return len(todos), err
}

func (c *httpClient) update(ctx context.Context, id int64, completed bool) error {
	body := []byte(`{"completed": ` + strconv.FormatBool(completed) + `}`)
	return c.do(ctx, http.MethodPatch, c.item(id), body, http.StatusOK, nil)
}

func (c *httpClient) delete(ctx context.Context, id int64) error {
	return c.do(ctx, http.MethodDelete, c.item(id), nil, http.StatusNoContent, nil)
}

func (c *httpClient) item(id int64) string {
	return c.base + "/" + strconv.FormatInt(id, 10)
}
