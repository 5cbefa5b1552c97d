# The release image, built by GoReleaser (dockers_v2) from the binaries it has just built:
# nothing but the static binary on distroless, running as an unprivileged user.
FROM gcr.io/distroless/static-debian12:nonroot
ARG TARGETPLATFORM
COPY $TARGETPLATFORM/deploylint /usr/local/bin/deploylint
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/deploylint"]
CMD ["scan", "."]
