//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestResourceWalkthrough is issue 9's promise to a user, as the README tells it: scaffold new
// shop --features jwt,postgres, scaffold resource products ..., npm run migrate, npm start, then
// /docs and /openapi.json, and products created, listed, changed and deleted over HTTP by a
// signed-in user, with the owner rule holding for another user. No line of code is written.
func TestResourceWalkthrough(t *testing.T) {
	requireNode(t)
	svc := requireServices(t)
	root := t.TempDir()
	run(t, root, scaffoldBin, "new", "shop", "--features", "jwt,postgres", "--yes", "--no-git")
	dir := filepath.Join(root, "shop")
	run(t, dir, scaffoldBin, "resource", "suppliers", "name:string:unique")
	run(t, dir, scaffoldBin, "resource", "products", "name:string", "price:number:min=0", "sku:string:unique",
		"category:enum=food|tools|toys", "description:text?", "supplier:ref=suppliers", "--owned")
	dbURL, r := svc.createDatabase(90)
	if r.Err != nil {
		t.Fatalf("create database: %v\n%s", r.Err, r.Output)
	}
	t.Cleanup(func() { svc.dropDatabase(90) })
	env := append(os.Environ(), "DATABASE_URL="+dbURL, "NODE_ENV=development", "LOG_LEVEL=warn",
		"JWT_SECRET=walkthrough-secret-of-at-least-32-characters-9f3k", "HOST=127.0.0.1",
		"ADMIN_EMAIL=admin@example.com", "ADMIN_PASSWORD=walkthrough-admin-pw-42", "PASSWORD_HASH_COST=10")
	migrate := exec.Command("npm", "run", "migrate")
	migrate.Dir, migrate.Env = dir, env
	if out, err := migrate.CombinedOutput(); err != nil {
		t.Fatalf("npm run migrate: %v\n%s", err, out)
	}

	port := freePort(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	server := exec.CommandContext(ctx, "node", "src/server.js")
	server.Dir, server.Env = dir, append(env, "PORT="+port)
	var logs syncBuffer
	server.Stdout, server.Stderr = &logs, &logs
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = server.Process.Signal(syscall.SIGTERM)
		_ = server.Wait()
	}()
	base := "http://127.0.0.1:" + port
	waitFor(t, base+"/health", &logs)

	c := &apiClient{t: t, base: base, logs: &logs}
	if status, body := c.do("GET", "/docs", "", nil); status != 200 || !strings.Contains(body, "<html") {
		t.Fatalf("GET /docs = %d", status)
	}
	_, doc := c.do("GET", "/openapi.json", "", nil)
	for _, p := range []string{`"/api/v1/products"`, `"/api/v1/products/{id}"`, `"/api/v1/suppliers"`} {
		if !strings.Contains(doc, p) {
			t.Errorf("/openapi.json has no path %s", p)
		}
	}

	admin := c.login("admin@example.com", "walkthrough-admin-pw-42")
	ann := c.signUp("ann@example.com")
	bob := c.signUp("bob@example.com")

	status, body := c.do("POST", "/api/v1/suppliers", admin, map[string]any{"name": "Acme"})
	c.expect("create a supplier as admin", status, 201, body)
	supplier := jsonField(t, body, "id")

	product := map[string]any{"name": "Hammer", "price": 9.5, "sku": "HAM-1", "category": "tools", "supplier": supplier}
	status, body = c.do("POST", "/api/v1/products", ann, product)
	c.expect("create a product as a signed-in user", status, 201, body)
	id := jsonField(t, body, "id")
	status, body = c.do("POST", "/api/v1/products", ann, product)
	c.expect("create a product with a taken sku", status, 409, body)
	product["sku"], product["supplier"] = "HAM-2", "00000000-0000-4000-8000-000000000000"
	status, body = c.do("POST", "/api/v1/products", ann, product)
	c.expect("create a product of a supplier that does not exist", status, 400, body)

	status, body = c.do("GET", "/api/v1/products?page=1&limit=20", bob, nil)
	c.expect("list products", status, 200, body)
	if !strings.Contains(body, `"total":1`) || !strings.Contains(body, id) {
		t.Errorf("the list does not hold the product: %s", body)
	}
	status, body = c.do("PATCH", "/api/v1/products/"+id, bob, map[string]any{"price": 11})
	c.expect("change another user's product", status, 403, body)
	status, body = c.do("PATCH", "/api/v1/products/"+id, ann, map[string]any{"price": 11})
	c.expect("change one's own product", status, 200, body)
	status, body = c.do("DELETE", "/api/v1/suppliers/"+supplier, admin, nil)
	c.expect("delete a supplier a product references", status, 409, body)
	status, body = c.do("DELETE", "/api/v1/products/"+id, admin, nil)
	c.expect("delete any product as admin", status, 204, body)
	status, body = c.do("GET", "/api/v1/products/"+id, ann, nil)
	c.expect("get a deleted product", status, 404, body)
	status, body = c.do("GET", "/api/v1/products", "", nil)
	c.expect("list products signed out", status, 401, body)
}

type apiClient struct {
	t    *testing.T
	base string
	logs *syncBuffer
}

// do sends a request with a bearer token (when given) and a JSON body (when given).
func (c *apiClient) do(method, path, token string, body any) (int, string) {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v\nlogs:\n%s", method, path, err, c.logs.String())
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

func (c *apiClient) expect(what string, status, want int, body string) {
	c.t.Helper()
	if status != want {
		c.t.Fatalf("%s: %d, want %d: %s\nlogs:\n%s", what, status, want, body, c.logs.String())
	}
}

func (c *apiClient) login(email, password string) string {
	c.t.Helper()
	status, body := c.do("POST", "/api/v1/auth/login", "", map[string]any{"email": email, "password": password})
	c.expect("sign in as "+email, status, 200, body)
	return jsonField(c.t, body, "accessToken")
}

func (c *apiClient) signUp(email string) string {
	c.t.Helper()
	password := "walkthrough-user-pw-" + strings.Split(email, "@")[0]
	status, body := c.do("POST", "/api/v1/auth/register", "", map[string]any{"email": email, "password": password, "name": email})
	c.expect("register "+email, status, 201, body)
	return c.login(email, password)
}

func jsonField(t *testing.T, body, key string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("not JSON: %s", body)
	}
	s, ok := m[key].(string)
	if !ok {
		t.Fatalf("no string %q in %s", key, body)
	}
	return s
}
