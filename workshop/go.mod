module github.com/gokit-workshop/workshop/workshop

go 1.26.0
