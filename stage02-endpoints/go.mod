module github.com/gokit-workshop/workshop/stage02-endpoints

go 1.26.0

require (
	github.com/go-kit/kit v0.13.0
	github.com/gokit-workshop/workshop/solutions/stage01-service v0.0.0-00010101000000-000000000000
)

require github.com/mattn/go-sqlite3 v1.14.53 // indirect

replace github.com/gokit-workshop/workshop/solutions/stage01-service => ../solutions/stage01-service
