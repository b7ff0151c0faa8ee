/* test_yamlfile.c: documents built from the event stream, against libyaml's
 * own loader.
 *
 * yamlfile.c builds each document in one pass over the parser's events (so
 * that the cost limits hold before anything is built).  The result must be
 * the document yaml_parser_load makes of the same text: the same nodes in
 * the same order, with the same tags, values, styles, children and marks,
 * aliases sharing the node they name.
 */
#include <string.h>

#include "suites.h"
#include "yamlfile.h"

static const char *const texts[] = {
	"a: 1\n",
	"# a comment\nname: x\nlayers:\n  - {op: conv2d, kernel: 3}\n  - [1, 2, \"three\", 'four']\n",
	"base: &b {x: 1, y: [2, 3]}\nuse: *b\nlist: [*b, &s scalar, *s]\n",
	"tagged: !!str 5\nplain: !local 6\nnonspecific: ! 7\nseq: !!seq [a]\n",
	"block: |\n  two\n  lines\nfolded: >\n  one\n  line\nempty:\nnull: ~\n",
	"---\n- 1\n- - 2\n  - 3\n- k: v\n...\n",
	"? complex key\n: value\n",
	"scalar document\n",
};

static void same_node(const yaml_node_t *a, const yaml_node_t *b)
{
	CU_ASSERT_EQUAL(a->type, b->type);
	CU_ASSERT_STRING_EQUAL((const char *)a->tag, (const char *)b->tag);
	CU_ASSERT_EQUAL(a->start_mark.index, b->start_mark.index);
	CU_ASSERT_EQUAL(a->start_mark.line, b->start_mark.line);
	CU_ASSERT_EQUAL(a->start_mark.column, b->start_mark.column);
	CU_ASSERT_EQUAL(a->end_mark.index, b->end_mark.index);
	if (a->type != b->type)
		return;
	switch (a->type) {
	case YAML_SCALAR_NODE:
		CU_ASSERT_EQUAL(a->data.scalar.length, b->data.scalar.length);
		CU_ASSERT_EQUAL(a->data.scalar.style, b->data.scalar.style);
		CU_ASSERT(a->data.scalar.length == b->data.scalar.length &&
			  memcmp(a->data.scalar.value, b->data.scalar.value, a->data.scalar.length) == 0);
		break;
	case YAML_SEQUENCE_NODE: {
		long n = a->data.sequence.items.top - a->data.sequence.items.start;
		CU_ASSERT_EQUAL(n, b->data.sequence.items.top - b->data.sequence.items.start);
		for (long i = 0; i < n; i++)
			CU_ASSERT_EQUAL(a->data.sequence.items.start[i], b->data.sequence.items.start[i]);
		break;
	}
	case YAML_MAPPING_NODE: {
		long n = a->data.mapping.pairs.top - a->data.mapping.pairs.start;
		CU_ASSERT_EQUAL(n, b->data.mapping.pairs.top - b->data.mapping.pairs.start);
		for (long i = 0; i < n; i++) {
			CU_ASSERT_EQUAL(a->data.mapping.pairs.start[i].key,
					b->data.mapping.pairs.start[i].key);
			CU_ASSERT_EQUAL(a->data.mapping.pairs.start[i].value,
					b->data.mapping.pairs.start[i].value);
		}
		break;
	}
	default:
		break;
	}
}

static void test_same_as_libyaml_loader(void)
{
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		struct yamlfile f;
		struct diag d;
		yaml_parser_t parser;
		yaml_document_t want;

		CU_ASSERT_EQUAL_FATAL(yamlfile_parse(&f, "text", texts[t], &d), 0);
		yaml_parser_initialize(&parser);
		yaml_parser_set_input_string(&parser, (const unsigned char *)texts[t],
					     strlen(texts[t]));
		CU_ASSERT_FATAL(yaml_parser_load(&parser, &want));
		long n = want.nodes.top - want.nodes.start;
		CU_ASSERT_EQUAL(f.doc.nodes.top - f.doc.nodes.start, n);
		for (int id = 1; id <= n; id++) {
			const yaml_node_t *a = yamlfile_node(&f, id), *b = yaml_document_get_node(&want, id);
			CU_ASSERT_PTR_NOT_NULL_FATAL(a);
			same_node(a, b);
		}
		yaml_document_delete(&want);
		yaml_parser_delete(&parser);
		yamlfile_free(&f);
	}
}

void add_yamlfile_suite(void)
{
	CU_pSuite s = CU_add_suite("yamlfile", NULL, NULL);

	CU_add_test(s, "documents equal libyaml's loader's", test_same_as_libyaml_loader);
}
