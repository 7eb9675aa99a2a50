#!/usr/bin/env bash
# Adds an EF Core migration for one module: migrations/add-migration.sh <inventory|payment|checkout> <Name>
# The migration lands in migrations/<module>/ and compiles into the module's assembly. Uses the dotnet-ef tool
# pinned in .config/dotnet-tools.json and the design-time host beside this script.
set -euo pipefail
cd "$(dirname "$0")/.."
module="${1:?usage: migrations/add-migration.sh <inventory|payment|checkout> <Name>}"
name="${2:?usage: migrations/add-migration.sh <inventory|payment|checkout> <Name>}"
case "$module" in
  inventory) project=Inventory ;;
  payment) project=Payment ;;
  checkout) project=Checkout ;;
  *) echo "error: unknown module '$module'; known: inventory, payment, checkout" >&2; exit 2 ;;
esac
dotnet tool restore >/dev/null
dotnet build migrations/CloudScale.Migrations.Design/CloudScale.Migrations.Design.csproj -c Release -nologo -v quiet
dotnet ef migrations add "$name" \
  --project "modules/$project/CloudScale.$project/CloudScale.$project.csproj" \
  --startup-project migrations/CloudScale.Migrations.Design/CloudScale.Migrations.Design.csproj \
  --context "${project}DbContext" \
  --output-dir "../../../migrations/$module" \
  --namespace "CloudScale.$project.Migrations" \
  --configuration Release
# With --namespace, EF writes the model snapshot under the project in a folder named after the namespace; keep it
# beside the migrations instead.
stray="modules/$project/CloudScale.$project/CloudScale"
if [ -d "$stray" ]; then
  find "$stray" -name '*ModelSnapshot.cs' -exec mv -f {} "migrations/$module/" \;
  rm -rf "$stray"
fi
# EF generates migrations as public classes; module types are internal and sealed (the architecture tests hold
# every module to that), so the new migration is declared so here rather than by hand after each run.
sed -i -E 's/^(\s*)public partial class ([A-Za-z0-9_]+) : Migration/\1internal sealed partial class \2 : Migration/' "migrations/$module/"*_"$name".cs
sed -i -E 's/^(\s*)partial class ([A-Za-z0-9_]+ModelSnapshot) : ModelSnapshot/\1internal sealed partial class \2 : ModelSnapshot/' "migrations/$module/"*ModelSnapshot.cs
