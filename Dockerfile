# Multi-stage build: compile and test-free package with the Maven wrapper, run on a JRE as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp dependency:go-offline -DskipTests || true
COPY src src
COPY cards cards
COPY fhir-profiles fhir-profiles
RUN ./mvnw -B -ntp package -DskipTests

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 1001 --home /deployments mbc
WORKDIR /deployments
COPY --from=build --chown=1001 /src/target/quarkus-app/ ./quarkus-app/
COPY --from=build --chown=1001 /src/cards ./cards
COPY --from=build --chown=1001 /src/fhir-profiles ./fhir-profiles
# Feedback is kept in an H2 file here unless PostgreSQL is configured (README, Feedback): mount a volume on it.
RUN mkdir -p /deployments/data && chown 1001 /deployments/data
VOLUME /deployments/data
USER 1001
EXPOSE 8080
ENV JAVA_OPTS="-Xmx512m -XX:+UseSerialGC"
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD curl -fs http://localhost:8080/q/health/ready || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar quarkus-app/quarkus-run.jar"]
