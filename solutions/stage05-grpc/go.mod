module github.com/gokit-workshop/workshop/solutions/stage05-grpc

go 1.26.0

replace (
	github.com/gokit-workshop/workshop/api => ../../api
	github.com/gokit-workshop/workshop/solutions/stage01-service => ../stage01-service
	github.com/gokit-workshop/workshop/solutions/stage02-endpoints => ../stage02-endpoints
	github.com/gokit-workshop/workshop/solutions/stage03-http => ../stage03-http
	github.com/gokit-workshop/workshop/solutions/stage04-middleware => ../stage04-middleware
	google.golang.org/genproto => google.golang.org/genproto v0.0.0-20261026165753-2ffab32bce7e
)

require (
	github.com/go-kit/kit v0.13.0
	github.com/go-kit/log v0.2.1
	github.com/gokit-workshop/workshop/api v0.0.0-00010101000000-000000000000
	github.com/gokit-workshop/workshop/solutions/stage01-service v0.0.0-00010101000000-000000000000
	github.com/gokit-workshop/workshop/solutions/stage02-endpoints v0.0.0-00010101000000-000000000000
	github.com/gokit-workshop/workshop/solutions/stage03-http v0.0.0-00010101000000-000000000000
	github.com/gokit-workshop/workshop/solutions/stage04-middleware v0.0.0-00010101000000-000000000000
	google.golang.org/grpc v1.85.0
	google.golang.org/protobuf v1.36.12
)

require (
	github.com/afex/hystrix-go v0.0.0-20180502004556-fa1af6a1f4f5 // indirect
	github.com/beorn7/perks v1.0.1 // indirect
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/go-logfmt/logfmt v0.6.1 // indirect
	github.com/gopherjs/gopherjs v1.21.0 // indirect
	github.com/jtolds/gls v4.20.0+incompatible // indirect
	github.com/mattn/go-sqlite3 v1.14.53 // indirect
	github.com/munnerz/goautoneg v0.0.0-20191010083416-a7dc8b61c822 // indirect
	github.com/oklog/run v1.2.0 // indirect
	github.com/prometheus/client_golang v1.25.0 // indirect
	github.com/prometheus/client_model v0.6.3 // indirect
	github.com/prometheus/common v0.72.0 // indirect
	github.com/prometheus/procfs v0.22.0 // indirect
	github.com/smarty/assertions v1.16.0 // indirect
	github.com/sony/gobreaker v1.0.0 // indirect
	github.com/streadway/handy v0.0.0-20200128134331-0f66f006fb2e // indirect
	golang.org/x/net v0.60.0 // indirect
	golang.org/x/sys v0.48.0 // indirect
	golang.org/x/text v0.42.0 // indirect
	golang.org/x/time v0.16.0 // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20261019180522-ce908d29299b // indirect
)
