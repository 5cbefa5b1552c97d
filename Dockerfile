# deploylint built from this checkout: the image pre-commit's deploylint-docker hook builds at
# the hook's rev, and `docker build .` for anyone else. Releases use release.Dockerfile, which
# copies the binary GoReleaser built instead of compiling again.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/deploylint ./cmd/deploylint

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/deploylint /usr/local/bin/deploylint
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/deploylint"]
CMD ["scan", "."]
