# Multi-stage build: compile and package (tests are CI's job: .ci/run) with the Maven wrapper, then run on a JRE as a
# non-root user. Build from the repository root: docker build -t mbc-cds .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Dependencies first, in their own layer, so a source change does not download them again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp dependency:go-offline -DskipTests || true
COPY src src
COPY cards cards
COPY fhir-profiles fhir-profiles
# The OpenAPI document inlines these request examples at build time (hooks.OpenApiExamples fails the build without them).
COPY examples examples
RUN ./mvnw -B -ntp package -DskipTests

FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK only.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 1001 --home /deployments mbc
WORKDIR /deployments
# Application and knowledge stay owned by root: the service user can read them, never change them.
COPY --from=build /src/target/quarkus-app/ ./quarkus-app/
COPY --from=build /src/cards ./cards
COPY --from=build /src/fhir-profiles ./fhir-profiles
# Feedback is kept in an H2 file here unless PostgreSQL is configured (README, Feedback): mount a volume on it.
# Several replicas (deploy/k8s) use PostgreSQL and need no volume.
RUN mkdir -p /deployments/data && chown 1001 /deployments/data
VOLUME /deployments/data
# Numeric, so Kubernetes can check runAsNonRoot without reading /etc/passwd.
USER 1001
EXPOSE 8080
# Heap bounded (the JVM would size it from the host), serial GC for a small heap on few cores. Override per deployment.
ENV JAVA_OPTS="-Xmx512m -XX:+UseSerialGC"
# Ready means the knowledge and terminology are loaded (README, Operations). Start can take 20-40 s on 2 slow cores.
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fs http://localhost:8080/q/health/ready || exit 1
# exec: java is PID 1's replacement and gets SIGTERM directly, so Quarkus shuts down gracefully.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar quarkus-app/quarkus-run.jar"]
