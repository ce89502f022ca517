// GraphiQL over this server's /graphql, from the copies of React and GraphiQL served
// under /static/vendor/ (no other host is asked for anything).
"use strict";
(function () {
  const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  const root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultEditorToolsVisibility: true,
      defaultQuery:
        '{\n  person(name: "Titov") {\n    name\n    aliases\n    roles\n' +
        "    metWith { name }\n    cables { referenceId subject }\n  }\n}\n",
    })
  );
})();
