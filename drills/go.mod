module github.com/gokit-workshop/workshop/drills

go 1.26.0

replace (
	github.com/gokit-workshop/workshop/api => ../api
	github.com/gokit-workshop/workshop/solutions/stage01-service => ../solutions/stage01-service
	github.com/gokit-workshop/workshop/solutions/stage02-endpoints => ../solutions/stage02-endpoints
	github.com/gokit-workshop/workshop/solutions/stage03-http => ../solutions/stage03-http
	github.com/gokit-workshop/workshop/solutions/stage04-middleware => ../solutions/stage04-middleware
	github.com/gokit-workshop/workshop/solutions/stage05-grpc => ../solutions/stage05-grpc
)

// Go kit v0.13 pins an old monolithic genproto; a current one resolves the
// "ambiguous import ... googleapis/rpc/status" with a current grpc.
replace google.golang.org/genproto => google.golang.org/genproto v0.0.0-20261026165753-2ffab32bce7e

require (
	github.com/go-kit/log v0.2.1
	github.com/gokit-workshop/workshop/api v0.0.0-00010101000000-000000000000
	github.com/gokit-workshop/workshop/solutions/stage01-service v0.0.0-00010101000000-000000000000
	github.com/gokit-workshop/workshop/solutions/stage02-endpoints v0.0.0-00010101000000-000000000000
	github.com/gokit-workshop/workshop/solutions/stage03-http v0.0.0-00010101000000-000000000000
	github.com/gokit-workshop/workshop/solutions/stage05-grpc v0.0.0-00010101000000-000000000000
	github.com/mattn/go-sqlite3 v1.14.53
	google.golang.org/grpc v1.85.0
	google.golang.org/protobuf v1.36.12
)

require (
	github.com/go-kit/kit v0.13.0 // indirect
	github.com/go-logfmt/logfmt v0.6.1 // indirect
	golang.org/x/net v0.60.0 // indirect
	golang.org/x/sys v0.48.0 // indirect
	golang.org/x/text v0.42.0 // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20261019180522-ce908d29299b // indirect
)
