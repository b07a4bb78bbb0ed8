module github.com/gokit-workshop/workshop/solutions/stage03-http

go 1.26.0

replace (
	github.com/gokit-workshop/workshop/solutions/stage01-service => ../stage01-service
	github.com/gokit-workshop/workshop/solutions/stage02-endpoints => ../stage02-endpoints
)

require (
	github.com/go-kit/kit v0.13.0
	github.com/go-kit/log v0.2.1
	github.com/gokit-workshop/workshop/solutions/stage01-service v0.0.0-00010101000000-000000000000
	github.com/gokit-workshop/workshop/solutions/stage02-endpoints v0.0.0-00010101000000-000000000000
	github.com/oklog/run v1.2.0
)

require (
	github.com/go-logfmt/logfmt v0.5.1 // indirect
	github.com/mattn/go-sqlite3 v1.14.53 // indirect
)
